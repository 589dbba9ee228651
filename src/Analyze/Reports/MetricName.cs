namespace WideEvents.Analyze.Reports;

/// <summary>A name that <see cref="MetricReport.Build"/> accepts, with how many samples it has.</summary>
/// <param name="Name">The name.</param>
/// <param name="IsMetricRecord">True for a <c>metric</c> record's value (Emit's <c>LogMetric</c>), false for a numeric key of ordinary records.</param>
/// <param name="Samples">Records with a time that give a sample.</param>
public sealed record MetricName(string Name, bool IsMetricRecord, int Samples);
