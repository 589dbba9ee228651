using System.Diagnostics;
using Microsoft.Extensions.Logging;
using WideEvents.Emit.Tests.Support;

namespace WideEvents.Emit.Tests.Formatting;

public sealed class RecordFormatterTests
{
    [Fact]
    public void A_templated_call_becomes_one_flat_record_with_its_template_and_arguments()
    {
        using var logging = new FileLogging();
        logging.Logger("Farm.Interchange").LogInformation("Task {TaskId}: changing state from {From} to {To}", 358, "pending", "launched");

        var record = Assert.Single(logging.Complete());
        Assert.Equal("Task {TaskId}: changing state from {From} to {To}", record.Str("@mt"));
        Assert.Equal(358, record["TaskId"]!.GetValue<int>());
        Assert.Equal("pending", record.Str("From"));
        Assert.Equal("launched", record.Str("To"));
        Assert.Equal("Farm.Interchange", record.Str("category"));
        Assert.False(record.ContainsKey("@l"), "Information is the default level and is not written");
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$", record.Str("@t"));
    }

    [Theory]
    [InlineData(LogLevel.Trace, "Verbose")]
    [InlineData(LogLevel.Debug, "Debug")]
    [InlineData(LogLevel.Warning, "Warning")]
    [InlineData(LogLevel.Error, "Error")]
    [InlineData(LogLevel.Critical, "Fatal")]
    public void Levels_are_spelled_as_Serilog_spells_them(LogLevel level, string expected)
    {
        using var logging = new FileLogging();
        logging.Logger().Log(level, "at {Level}", level);

        Assert.Equal(expected, Assert.Single(logging.Complete()).Str("@l"));
    }

    [Fact]
    public void The_exception_event_id_and_rendered_message_are_written_when_present()
    {
        using var logging = new FileLogging(o => o.IncludeRenderedMessage = true);
        var error = new InvalidOperationException("worker lost");
        logging.Logger().LogError(new EventId(42, "WorkerLost"), error, "Manager {Manager} lost", "m-1");

        var record = Assert.Single(logging.Complete());
        Assert.Contains("InvalidOperationException: worker lost", record.Str("@x"));
        Assert.Equal(42, record["event_id"]!.GetValue<int>());
        Assert.Equal("WorkerLost", record.Str("event_name"));
        Assert.Equal("Manager m-1 lost", record.Str("@m"));
    }

    [Fact]
    public void Keys_that_begin_with_at_are_escaped_and_capture_operators_are_not_part_of_names()
    {
        using var logging = new FileLogging();
        var logger = logging.Logger();
        using (logger.BeginScope(new Dictionary<string, object?> { ["@weird"] = 1 }))
        {
            logger.LogInformation("User {@User} did {$Thing}", "ann", "x");
        }

        var record = Assert.Single(logging.Complete());
        Assert.Equal(1, record["@@weird"]!.GetValue<int>());
        Assert.False(record.ContainsKey("@weird"));
        Assert.Equal("ann", record.Str("User"));
        Assert.Equal("x", record.Str("Thing"));
    }

    [Fact]
    public void Values_are_flat_scalars_and_collections_become_one_string()
    {
        using var logging = new FileLogging();
        var id = Guid.Parse("0191C3A8-0000-7000-8000-000000000001");
        logging.Logger().LogInformation(
            "{Int} {Long} {Double} {NaN} {Bool} {Null} {Guid} {List} {Date} {Enum} {Object}",
            7, 1L << 40, 0.25, double.NaN, true, null, id, new[] { 1, 2, 3 }, new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), LogLevel.Warning, new Uri("http://x/"));

        var record = Assert.Single(logging.Complete());
        Assert.Equal(7, record["Int"]!.GetValue<long>());
        Assert.Equal(1L << 40, record["Long"]!.GetValue<long>());
        Assert.Equal(0.25, record["Double"]!.GetValue<double>());
        Assert.Equal("NaN", record.Str("NaN"));
        Assert.True(record["Bool"]!.GetValue<bool>());
        Assert.True(record.ContainsKey("Null"));
        Assert.Null(record["Null"]);
        Assert.Equal("0191c3a8-0000-7000-8000-000000000001", record.Str("Guid"));
        Assert.Equal("1, 2, 3", record.Str("List"));
        Assert.Equal("2026-01-02T03:04:05.0000000Z", record.Str("Date"));
        Assert.Equal("Warning", record.Str("Enum"));
        Assert.Equal("http://x/", record.Str("Object"));
        Assert.DoesNotContain(record, p => p.Value is System.Text.Json.Nodes.JsonObject or System.Text.Json.Nodes.JsonArray);
    }

    [Fact]
    public void Non_ascii_text_is_written_raw_as_CLEF_does()
    {
        using var logging = new FileLogging();
        logging.Logger().LogInformation("Grüße {Name}", "Zoë \"quoted\"");

        logging.Complete();
        var line = File.ReadAllLines(Directory.GetFiles(logging.Directory)[0]).Last(l => l.Length > 0);
        Assert.Contains("Grüße", line);
        Assert.Contains("Zoë \\\"quoted\\\"", line);
    }

    [Fact]
    public void Scopes_become_properties_and_the_innermost_scope_wins()
    {
        using var logging = new FileLogging();
        var logger = logging.Logger();
        using (logger.BeginScope(new Dictionary<string, object?> { ["block_id"] = 1, ["manager_id"] = "outer" }))
        using (logger.BeginScope("Handling {manager_id}", "inner"))
        using (logger.BeginScope("Transaction"))
        {
            logger.LogInformation("Registered {worker_count}", 4);
        }

        var record = Assert.Single(logging.Complete());
        Assert.Equal(1, record["block_id"]!.GetValue<int>());
        Assert.Equal("inner", record.Str("manager_id"));
        Assert.Equal("Transaction", record.Str("scope"));
        Assert.Equal(4, record["worker_count"]!.GetValue<int>());
    }

    [Fact]
    public void The_events_own_arguments_win_over_every_other_source_of_the_same_key()
    {
        using var logging = new FileLogging(o => o.Fields["task_id"] = "process");
        var logger = logging.Logger().Bind("task_id", "bound");
        using (logger.BeginScope(new Dictionary<string, object?> { ["task_id"] = "scope" }))
        {
            logger.LogInformation("Task {task_id}", 1);
            logger.LogInformation("No argument");
        }

        var records = logging.Complete();
        Assert.Equal(1, records[0]["task_id"]!.GetValue<int>());
        Assert.Equal("bound", records[1].Str("task_id"));
        Assert.All(records, r => Assert.Single(r, p => p.Key == "task_id"));
    }

    [Fact]
    public void Ambient_fields_are_written_and_can_be_switched_off()
    {
        using var on = new FileLogging(o => o.Fields["run_id"] = "r1");
        on.Logger().LogInformation("hello");
        var record = Assert.Single(on.Complete());
        Assert.Equal(Environment.ProcessId, record["pid"]!.GetValue<int>());
        Assert.Equal(Environment.MachineName, record.Str("host"));
        Assert.Equal("test", record.Str("component"));
        Assert.True(record.ContainsKey("process"));
        Assert.True(record.ContainsKey("thread"));
        Assert.Equal("r1", record.Str("run_id"));

        using var off = new FileLogging(o => o.Ambient = new AmbientFieldsOptions { Host = false, ProcessId = false, ProcessName = false, Thread = false, Category = false });
        off.Logger().LogInformation("hello");
        var bare = Assert.Single(off.Complete());
        Assert.Equal(["@t", "@mt"], bare.Select(p => p.Key).ToArray());
    }

    [Fact]
    public void A_current_activity_gives_W3C_trace_and_span_ids()
    {
        using var logging = new FileLogging();
        using var activity = new Activity("request").SetIdFormat(ActivityIdFormat.W3C).Start();
        logging.Logger().LogInformation("inside");

        var record = Assert.Single(logging.Complete());
        Assert.Equal(activity.TraceId.ToHexString(), record.Str("@tr"));
        Assert.Equal(activity.SpanId.ToHexString(), record.Str("@sp"));
    }
}
