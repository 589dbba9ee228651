using WideEvents.Emit.Tests.Support;

namespace WideEvents.Emit.Tests.Spans;

public sealed class MetricTests
{
    [Fact]
    public void A_metric_is_a_record_with_metric_value_and_the_given_fields()
    {
        using var logging = new FileLogging();
        var logger = logging.Logger();
        logger.LogMetric("pending_task_queue_length", 7);
        logger.LogMetric("worker_busy_fraction", 0.5, [new("manager_id", "m-1")]);

        var records = logging.Complete();
        Assert.Equal("pending_task_queue_length", records[0].Str("metric"));
        Assert.Equal(7, records[0]["value"]!.GetValue<double>());
        Assert.Equal(0.5, records[1]["value"]!.GetValue<double>());
        Assert.Equal("m-1", records[1].Str("manager_id"));
    }
}
