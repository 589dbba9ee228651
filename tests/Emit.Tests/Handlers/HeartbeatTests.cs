using Microsoft.Extensions.Logging;
using WideEvents.Emit.Tests.Support;

namespace WideEvents.Emit.Tests.Handlers;

public sealed class HeartbeatTests
{
    [Fact]
    public async Task A_handler_writes_a_heartbeat_each_interval_even_when_idle_and_a_last_one_when_it_stops()
    {
        using var logging = new FileLogging(handler: h => h.HeartbeatSeconds = 0.2);
        var logger = logging.Logger();
        logger.LogInformation("one");
        await Task.Delay(TimeSpan.FromSeconds(1));
        logger.LogInformation("two");

        var records = logging.Complete();
        var beats = records.Where(r => r.Str("event_name") == "heartbeat").ToList();
        Assert.InRange(beats.Count(b => b.Str("heartbeat") == "alive"), 3, 8);
        var last = beats[^1];
        Assert.Equal("stopping", last.Str("heartbeat"));
        Assert.Same(last, records[^1]);
        Assert.Equal("File", last.Str("handler"));
        Assert.Equal(0.2, last["heartbeat_interval_s"]!.GetValue<double>());
        Assert.True(last["records_written"]!.GetValue<long>() >= 4, last.ToJsonString());
        Assert.Equal(0, last["dropped_records_total"]!.GetValue<long>());
        Assert.Equal("test", last.Str("component"));
    }

    [Fact]
    public async Task No_heartbeat_when_they_are_off_or_the_process_ends_within_the_first_interval()
    {
        foreach (var seconds in new[] { 0, 30.0 })
        {
            using var logging = new FileLogging(handler: h => h.HeartbeatSeconds = seconds);
            logging.Logger().LogInformation("one");
            await Task.Delay(300);
            Assert.DoesNotContain(logging.Complete(), r => r.Str("event_name") == "heartbeat");
        }
    }
}
