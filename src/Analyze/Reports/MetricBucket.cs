namespace WideEvents.Analyze.Reports;

/// <summary>A metric's samples within one time bucket.</summary>
/// <param name="Start">Bucket start, seconds since the Unix epoch.</param>
/// <param name="Count">Samples in the bucket.</param>
/// <param name="Min">Smallest sample.</param>
/// <param name="Mean">Mean sample.</param>
/// <param name="Max">Largest sample.</param>
public sealed record MetricBucket(double Start, int Count, double Min, double Mean, double Max);
