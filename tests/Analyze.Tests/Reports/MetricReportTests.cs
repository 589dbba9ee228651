using WideEvents.Analyze.Loaders;
using WideEvents.Analyze.Reports;

namespace WideEvents.Analyze.Tests.Reports;

public class MetricReportTests
{
    [Fact]
    public void Samples_are_bucketed_with_min_mean_and_max()
    {
        var records = new[]
        {
            Make.Record(0, ("metric", "q"), ("value", 1)),
            Make.Record(0.5, ("metric", "q"), ("value", 3)),
            Make.Record(2.2, ("metric", "q"), ("value", 10)),
            Make.Record(1, ("metric", "other"), ("value", 100)),
            Make.Record(1.5, ("q", "5")),
        };

        var series = Assert.Single(MetricReport.Build(records, "q", bucketSeconds: 1));

        Assert.Equal(4, series.Samples.Count);
        Assert.Equal([(0.0, 2, 1.0, 2.0, 3.0), (1.0, 1, 5.0, 5.0, 5.0), (2.0, 1, 10.0, 10.0, 10.0)],
            series.Buckets.Select(b => (b.Start, b.Count, b.Min, b.Mean, b.Max)));
    }

    [Fact]
    public void Prototype_metric_records_name_their_values_by_key()
    {
        var records = RecordLoader.Load(Path.Combine(RealLogs.Uniform, "runinfo", "000", "htex_Local", "interchange.jsonlog")).Records;

        var series = MetricReport.Build(records, "managers_count");

        Assert.Equal(["managers_count.interesting", "managers_count.ready"], series.Select(s => s.Name));
        var queue = Assert.Single(MetricReport.Build(records, "pending_task_queue_length"));
        Assert.Equal(20, queue.Buckets.Max(b => b.Max));
        Assert.Equal(queue.Samples.Count, queue.Buckets.Sum(b => b.Count));
    }
}
