using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Serilog.Events;
using Serilog.Formatting.Compact;
using WideEvents.Emit.Tests.Support;
using SerilogLogger = Serilog.ILogger;

namespace WideEvents.Emit.Tests.Formatting;

/// <summary>
/// The same events written by Serilog's CompactJsonFormatter and by Emit parse to the same
/// keys and values, apart from the timestamp and Emit's documented ambient fields.
/// </summary>
public sealed class SerilogCompatibilityTests
{
    private static readonly string[] AmbientKeys = ["@t", "host", "pid", "process", "component", "thread", "category"];

    [Fact]
    public void Emit_and_CompactJsonFormatter_write_the_same_records()
    {
        var serilogLines = new List<string>();
        using (var serilog = new Serilog.LoggerConfiguration()
                   .MinimumLevel.Verbose()
                   .WriteTo.Sink(new CollectingSink(serilogLines))
                   .CreateLogger())
        {
            WriteWithSerilog(serilog);
        }

        using var logging = new FileLogging();
        WriteWithEmit(logging.Logger());
        var emitRecords = logging.Complete();

        Assert.Equal(serilogLines.Count, emitRecords.Count);
        for (var i = 0; i < emitRecords.Count; i++)
        {
            var expected = Strip(Records.Parse(serilogLines[i]));
            var actual = Strip(emitRecords[i]);
            Assert.True(JsonNode.DeepEquals(expected, actual), $"record {i}:\n serilog: {expected.ToJsonString()}\n emit:    {actual.ToJsonString()}");
        }
    }

    private static void WriteWithSerilog(SerilogLogger log)
    {
        log.Information("Task {TaskId}: changing state from {From} to {To}", 358, "pending", "launched");
        log.Warning("Queue length {Length} over {Limit}", 1200L, 1000);
        log.Verbose("ratio {Ratio} flag {Flag} nothing {Nothing}", 0.125, false, (string?)null);
        log.ForContext("task_id", 7).ForContext("try_id", 0).Error("Try failed: {Reason}", "Grüße \"quoted\"\n next");
        log.Fatal("{Count} workers lost", 3);
        log.Debug("Decoded {Bytes} bytes", 4096);
    }

    private static void WriteWithEmit(ILogger logger)
    {
        logger.LogInformation("Task {TaskId}: changing state from {From} to {To}", 358, "pending", "launched");
        logger.LogWarning("Queue length {Length} over {Limit}", 1200L, 1000);
        logger.LogTrace("ratio {Ratio} flag {Flag} nothing {Nothing}", 0.125, false, null);
        logger.Bind([new("task_id", 7), new("try_id", 0)]).LogError("Try failed: {Reason}", "Grüße \"quoted\"\n next");
        logger.LogCritical("{Count} workers lost", 3);
        logger.LogDebug("Decoded {Bytes} bytes", 4096);
    }

    private static JsonObject Strip(JsonObject record)
    {
        foreach (var key in AmbientKeys)
        {
            record.Remove(key);
        }

        return record;
    }

    private sealed class CollectingSink(List<string> lines) : Serilog.Core.ILogEventSink
    {
        private readonly CompactJsonFormatter _formatter = new();

        public void Emit(LogEvent logEvent)
        {
            var writer = new StringWriter();
            _formatter.Format(logEvent, writer);
            lines.Add(writer.ToString().TrimEnd('\n', '\r'));
        }
    }
}
