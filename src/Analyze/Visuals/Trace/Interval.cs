namespace WideEvents.Analyze.Visuals.Trace;

/// <summary>A slice to place on a track: microseconds from the trace origin.</summary>
internal sealed record Interval(double Start, double End, string Name, string Category, List<KeyValuePair<string, object>> Args)
{
    /// <summary>A reserved colour name for failures, else null.</summary>
    public string? Color { get; init; }

    public double Duration => End - Start;
}
