using Microsoft.Extensions.Logging;
using WideEvents.Emit.Tests.Support;

namespace WideEvents.Emit.Tests.Formatting;

/// <summary>
/// Source-generated and Define-made states are read field by field without boxing; these check
/// that every value lands under its own key, whatever its type and however the state was made.
/// </summary>
[Collection(ProcessWideCollection.Name)]
public sealed partial class StructStateTests
{
    [Fact]
    public void Define_made_states_write_each_value_under_its_name_and_type()
    {
        using var logging = new FileLogging();
        var logger = logging.Logger();
        var id = Guid.Parse("0193a5b2-7c1e-7d30-9f4e-2b8c1d6e5a01");

        Log.Six(logger, 7, 8_000_000_000L, 0.25, true, id, "text");
        Log.Six(logger, -1, 0, double.NaN, false, Guid.Empty, null);

        var records = logging.Complete();
        Assert.Equal(2, records.Count);
        Assert.Equal(7, records[0]["count"]!.GetValue<int>());
        Assert.Equal(8_000_000_000L, records[0]["big"]!.GetValue<long>());
        Assert.Equal(0.25, records[0]["ratio"]!.GetValue<double>());
        Assert.True(records[0]["flag"]!.GetValue<bool>());
        Assert.Equal("0193a5b2-7c1e-7d30-9f4e-2b8c1d6e5a01", records[0].Str("id"));
        Assert.Equal("text", records[0].Str("name"));
        Assert.Equal("NaN", records[1].Str("ratio"));
        Assert.Null(records[1]["name"]);
        Assert.True(records[1].ContainsKey("name"));
    }

    [Fact]
    public void Generated_structs_with_more_than_six_values_and_nullables_are_written_in_full()
    {
        using var logging = new FileLogging();
        var logger = logging.Logger();

        Log.Seven(logger, 1, 2, 3, 4, 5, null, 7L);

        var record = Assert.Single(logging.Complete());
        Assert.Equal([1, 2, 3, 4, 5], new[] { "a", "b", "c", "d", "e" }.Select(k => record[k]!.GetValue<int>()));
        Assert.Null(record["f"]);
        Assert.Equal(7L, record["g"]!.GetValue<long>());
        Assert.Equal("{a} {b} {c} {d} {e} {f} {g}", record.Str("@mt"));
    }

    [Fact]
    public void Two_call_sites_with_the_same_value_types_keep_their_own_names()
    {
        using var logging = new FileLogging();
        var logger = logging.Logger();

        Log.First(logger, 1, "x");
        Log.Second(logger, 2, "y");

        var records = logging.Complete();
        Assert.Equal(1, records[0]["task_id"]!.GetValue<int>());
        Assert.Equal("x", records[0].Str("state"));
        Assert.Equal(2, records[1]["worker_id"]!.GetValue<int>());
        Assert.Equal("y", records[1].Str("host_name"));
        Assert.False(records[1].ContainsKey("task_id"));
    }

    [Fact]
    public void A_LoggerMessage_call_through_a_bound_logger_allocates_nothing_on_the_calling_thread()
    {
        using var logging = new FileLogging(handler: h => h.QueueCapacity = 1_000_000);
        var logger = logging.Logger().Bind("run_id", "r1");
        for (var i = 0; i < 2_000; i++)
        {
            Log.First(logger, i, "warm");
        }

        // The queue's segments, grown by the warm-up, are back on the free list after a flush.
        Assert.True(WideEventsLogging.ForceFlush(TimeSpan.FromSeconds(10)));
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            Log.First(logger, i, "measured");
        }

        var perRecord = (GC.GetAllocatedBytesForCurrentThread() - before) / 1_000.0;
        Assert.True(perRecord <= 16, $"{perRecord} bytes per record");
        Assert.Equal(3_000, logging.Complete().Count);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "{count} {big} {ratio} {flag} {id} {name}")]
        public static partial void Six(ILogger logger, int count, long big, double ratio, bool flag, Guid id, string? name);

        [LoggerMessage(Level = LogLevel.Information, Message = "{a} {b} {c} {d} {e} {f} {g}")]
        public static partial void Seven(ILogger logger, int a, int b, int c, int d, int e, int? f, long g);

        [LoggerMessage(Level = LogLevel.Information, Message = "Task {task_id} is {state}")]
        public static partial void First(ILogger logger, int task_id, string state);

        [LoggerMessage(Level = LogLevel.Information, Message = "Worker {worker_id} on {host_name}")]
        public static partial void Second(ILogger logger, int worker_id, string host_name);
    }
}
