namespace WideEvents.Analyze.Reports;

/// <summary>One metric over time.</summary>
/// <param name="Name">The series name: the metric, or <c>metric.valueKey</c> when a metric record carries several values.</param>
/// <param name="Samples">Every (time, value) sample in time order.</param>
/// <param name="BucketSeconds">The bucket width.</param>
/// <param name="Buckets">Non-empty buckets in time order.</param>
public sealed record MetricSeries(string Name, IReadOnlyList<(double Time, double Value)> Samples, double BucketSeconds, IReadOnlyList<MetricBucket> Buckets);
