using Microsoft.Extensions.Logging;
using WideEvents.Emit.Tests.Support;

namespace WideEvents.Emit.Tests.Binding;

public sealed class BoundLoggerTests
{
    [Fact]
    public void A_bound_logger_stamps_the_objects_identity_on_every_record()
    {
        using var logging = new FileLogging();
        var task = new CountingTask(("run_id", "r-1"), ("task_id", 358));
        var logger = logging.Logger().Bind(task);
        logger.LogInformation("launched");
        logger.LogWarning("slow");

        var records = logging.Complete();
        Assert.Equal(2, records.Count);
        Assert.All(records, r =>
        {
            Assert.Equal("r-1", r.Str("run_id"));
            Assert.Equal(358, r["task_id"]!.GetValue<int>());
        });
    }

    [Fact]
    public void Identity_fields_are_read_once_per_bound_logger_not_per_record()
    {
        using var logging = new FileLogging();
        var task = new CountingTask(("task_id", 1));
        var logger = logging.Logger().Bind(task);
        for (var i = 0; i < 100; i++)
        {
            logger.LogInformation("record {I}", i);
        }

        Assert.Equal(100, logging.Complete().Count);
        Assert.Equal(1, task.Reads);
    }

    [Fact]
    public void A_child_binding_adds_its_fields_to_the_parents()
    {
        using var logging = new FileLogging();
        var taskLogger = logging.Logger().Bind(new CountingTask(("task_id", 5), ("try_id", -1)));
        var tryLogger = taskLogger.Bind(new CountingTask(("try_id", 2), ("worker_id", 3)));
        tryLogger.LogInformation("running");
        taskLogger.LogInformation("waiting");

        var records = logging.Complete();
        Assert.Equal(5, records[0]["task_id"]!.GetValue<int>());
        Assert.Equal(2, records[0]["try_id"]!.GetValue<int>());
        Assert.Equal(3, records[0]["worker_id"]!.GetValue<int>());
        Assert.Equal(-1, records[1]["try_id"]!.GetValue<int>());
        Assert.False(records[1].ContainsKey("worker_id"));
    }

    [Fact]
    public void Bound_fields_do_not_leak_onto_records_of_other_loggers()
    {
        using var logging = new FileLogging();
        var plain = logging.Logger();
        var bound = plain.Bind("task_id", 9);
        bound.LogInformation("bound");
        plain.LogInformation("plain");

        var records = logging.Complete();
        Assert.True(records[0].ContainsKey("task_id"));
        Assert.False(records[1].ContainsKey("task_id"));
    }

    private sealed class CountingTask(params (string Key, object? Value)[] fields) : IIdentifiable
    {
        public int Reads { get; private set; }

        public IEnumerable<KeyValuePair<string, object?>> IdentityFields
        {
            get
            {
                Reads++;
                return fields.Select(f => new KeyValuePair<string, object?>(f.Key, f.Value));
            }
        }
    }
}
