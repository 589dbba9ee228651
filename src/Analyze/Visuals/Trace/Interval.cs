namespace WideEvents.Analyze.Visuals.Trace;

/// <summary>A slice to place on a track: microseconds from the trace origin.</summary>
internal sealed record Interval(double Start, double End, string Name, string Category, List<KeyValuePair<string, object>> Args)
{
    public double Duration => End - Start;
}
