using Serilog;
using Serilog.Formatting.Compact;
using WideEvents.Analyze.Loaders;
using WideEvents.Analyze.Records;
using WideEvents.Analyze.Reports;

namespace WideEvents.Analyze.Tests.Loaders;

public sealed class ClefSourcesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wide-clef-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Serilog_compact_json_loads_with_levels_templates_escapes_and_nested_values()
    {
        var path = Path.Combine(_dir, "serilog.clef");
        using (var file = new StreamWriter(path))
        using (var log = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(new FormatterSink(file)).CreateLogger())
        {
            log.Information("Task {task_id} took {elapsed} s", 358, 1.5);
            log.ForContext("@odd", "x").Warning("Position {@Pos}", new { Lat = 25, Long = 134 });
            log.Error(new InvalidOperationException("boom"), "Failed {task_id}", "0358");
        }

        var records = RecordLoader.Load(path).Records;

        Assert.Equal(3, records.Count);
        Assert.Equal([Severity.Information, Severity.Warning, Severity.Error], records.Select(r => r.Level()));
        Assert.Equal("Task 358 took 1.5 s", records[0].Message());
        Assert.Equal("Task {task_id} took {elapsed} s", records[0].Template());
        Assert.Equal(358, records[0]["task_id"].AsLong);
        Assert.Equal("x", records[1]["@odd"].AsString);
        Assert.Contains("\"Lat\":25", records[1]["Pos"].AsString, StringComparison.Ordinal);
        Assert.Contains("boom", records[2]["@x"].AsString, StringComparison.Ordinal);
        Assert.Equal(records[0]["task_id"].Canonical(), records[2]["task_id"].Canonical());
        Assert.True(records.Zip(records.Skip(1)).All(p => p.First.Time <= p.Second.Time));
        Assert.InRange(records[0].Time, DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
    }

    [Fact]
    public void Emit_contract_records_give_spans_metrics_and_flows()
    {
        // The examples of docs/record-format.md: a metric, two nested spans, a record inside a span.
        var path = Path.Combine(_dir, "app.clef");
        File.WriteAllLines(path,
        [
            """{"@t":"2026-11-30T23:11:34.8790167Z","@mt":"Metric {metric} = {value}","metric":"pending_task_queue_length","value":0,"component":"quickstart","process":"dotnet","pid":7955,"host":"vm","thread":6,"category":"QuickStart.Worker"}""",
            """{"@t":"2026-11-30T23:11:34.8550868Z","@mt":"Span {span_name} {span_event}","span_name":"execute","span_event":"start","span_id":"01a22eba-5bc3-7646-978d-5add9187185b","event_id":1,"event_name":"span_start","run_id":"01a22eba-5bb9-7a65-9b1b-3ed46730dac0","task_id":1,"component":"quickstart","process":"dotnet","pid":7955,"host":"vm","thread":1,"category":"QuickStart.Worker"}""",
            """{"@t":"2026-11-30T23:11:34.8564702Z","@mt":"Span {span_name} {span_event}","span_name":"gather dependencies","span_event":"start","span_id":"01a22eba-5bc7-75e3-b301-dcdbc58d00a3","span_parent":"01a22eba-5bc3-7646-978d-5add9187185b","event_id":1,"event_name":"span_start","run_id":"01a22eba-5bb9-7a65-9b1b-3ed46730dac0","task_id":1,"component":"quickstart","process":"dotnet","pid":7955,"host":"vm","thread":1,"category":"QuickStart.Worker"}""",
            """{"@t":"2026-11-30T23:11:34.8654291Z","@mt":"Span {span_name} {span_event} after {duration_s} s: {outcome}","span_name":"gather dependencies","span_event":"end","duration_s":0.0090426,"outcome":"ok","span_id":"01a22eba-5bc7-75e3-b301-dcdbc58d00a3","span_parent":"01a22eba-5bc3-7646-978d-5add9187185b","event_id":2,"event_name":"span_end","run_id":"01a22eba-5bb9-7a65-9b1b-3ed46730dac0","task_id":1,"component":"quickstart","process":"dotnet","pid":7955,"host":"vm","thread":6,"category":"QuickStart.Worker"}""",
            """{"@t":"2026-11-30T23:11:34.8665173Z","@mt":"Running body of task {task_id}","@l":"Debug","task_id":1,"span_id":"01a22eba-5bc3-7646-978d-5add9187185b","run_id":"01a22eba-5bb9-7a65-9b1b-3ed46730dac0","try_id":0,"component":"quickstart","process":"dotnet","pid":7955,"host":"vm","thread":6,"category":"QuickStart.Worker"}""",
        ]);
        var records = RecordLoader.Load(path).Records;

        var span = Assert.Single(SpanReport.Build(records), s => s.Count > 0);
        Assert.Equal(("gather dependencies", 0.0090426), (span.Name, span.Mean));
        Assert.Equal(1, SpanReport.Build(records).Single(s => s.Name == "execute").Unmatched);
        Assert.Equal(0, Assert.Single(MetricReport.Build(records, "pending_task_queue_length")).Buckets[0].Max);
        var flow = FlowReport.Build(records, EntitySpec.Parse("task_id=1"));
        Assert.Equal(["Span execute start", "Span gather dependencies start", "Span gather dependencies end after 0.0090426 s: ok", "Running body of task 1"], flow.Select(f => f.Message));
        Assert.Equal(["quickstart/1", "quickstart/1", "quickstart/6", "quickstart/6"], flow.Select(f => $"{f.Process}/{f.Thread}"));
        Assert.Equal(["run_id", "task_id"], CommonPathReport.DetectEntityKeys(records));
    }

    private sealed class FormatterSink(TextWriter output) : Serilog.Core.ILogEventSink
    {
        private readonly CompactJsonFormatter _formatter = new();

        public void Emit(Serilog.Events.LogEvent logEvent) => _formatter.Format(logEvent, output);
    }
}
