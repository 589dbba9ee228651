namespace WideEvents.Analyze.Visuals.Trace;

/// <summary>One trace event; times are microseconds from the trace origin.</summary>
internal sealed class TraceEvent
{
    public required char Phase { get; init; }

    public string? Name { get; init; }

    public string? Category { get; init; }

    public int Pid { get; init; }

    public int Tid { get; init; }

    public double Ts { get; init; }

    public double? Dur { get; init; }

    public long? Id { get; init; }

    public string? BindingPoint { get; init; }

    public string? Scope { get; init; }

    /// <summary>A reserved trace-viewer colour name (e.g. <c>bad</c>), or null for the default.</summary>
    public string? Color { get; init; }

    public List<KeyValuePair<string, object>>? Args { get; init; }
}
