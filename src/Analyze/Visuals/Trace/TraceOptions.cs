namespace WideEvents.Analyze.Visuals.Trace;

/// <summary>What <see cref="ChromeTrace"/> puts in a trace.</summary>
public sealed class TraceOptions
{
    /// <summary>Every timed record as an instant on its process and thread track. Default true.</summary>
    public bool IncludeRecords { get; init; } = true;

    /// <summary>
    /// Keys naming a task, used for the per-process task slices and the flow arrows between them.
    /// Default null: the common-path report's detection (<c>parsl_dfk, parsl_task_id</c>, ...).
    /// </summary>
    public IReadOnlyList<string>? EntityKeys { get; init; }

    /// <summary>
    /// Up to this many entities, each gets its own thread in the "task states" process; beyond it,
    /// entities whose lives do not overlap share threads. Default 300.
    /// </summary>
    public int MaxEntityRows { get; init; } = 300;

    /// <summary>The lifecycles that read entity states for the state slices, first match wins. Default null: <see cref="Reports.Lifecycle.BuiltIn"/>.</summary>
    public IReadOnlyList<Reports.Lifecycle>? Lifecycles { get; init; }

    /// <summary>Longest text kept for one argument value; longer values are cut. Default 500.</summary>
    public int MaxArgumentLength { get; init; } = 500;

    /// <summary>Free metadata written under <c>otherData</c> (e.g. the input paths). Default empty.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
}
