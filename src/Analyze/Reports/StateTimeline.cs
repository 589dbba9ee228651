namespace WideEvents.Analyze.Reports;

/// <summary>A step function of entities per state.</summary>
/// <param name="Name">The lifecycle's name.</param>
/// <param name="States">The states, in lifecycle order.</param>
/// <param name="Entities">Entities seen.</param>
/// <param name="Points">One point per distinct time at which a count changed.</param>
/// <param name="IgnoredEvents">State changes dropped as duplicates or late arrivals.</param>
public sealed record StateTimeline(string Name, IReadOnlyList<string> States, int Entities, IReadOnlyList<StatePoint> Points, int IgnoredEvents)
{
    /// <summary>Entities whose last state is not final (no record of how they ended): they stay in that state.</summary>
    public int Unfinished { get; init; }

    /// <summary>Declared restarts taken (retries, requeues), over all entities.</summary>
    public int Retries { get; init; }
}
