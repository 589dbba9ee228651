namespace WideEvents.Analyze.Reports;

/// <summary>The number of entities in each state from <paramref name="Time"/> until the next point.</summary>
/// <param name="Time">Seconds since the Unix epoch.</param>
/// <param name="Counts">Entities per state, in the order of <see cref="StateTimeline.States"/>.</param>
public sealed record StatePoint(double Time, IReadOnlyList<int> Counts);
