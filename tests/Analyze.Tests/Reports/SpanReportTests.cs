using WideEvents.Analyze.Loaders;
using WideEvents.Analyze.Reports;

namespace WideEvents.Analyze.Tests.Reports;

public class SpanReportTests
{
    [Fact]
    public void Span_events_and_start_end_messages_are_paired()
    {
        var records = new[]
        {
            Make.Record(0, ("span_event", "start"), ("span_id", "a"), ("span_name", "load")),
            Make.Record(2, ("span_event", "end"), ("span_id", "a"), ("span_name", "load"), ("outcome", "ok")),
            Make.Record(3, ("span_event", "end"), ("span_id", "b"), ("span_name", "load"), ("duration_s", 4.0), ("outcome", "IOException")),
            Make.Record(5, ("span_event", "start"), ("span_id", "c"), ("span_name", "load")),
            // Nested message spans on one thread pair innermost first.
            Make.Record(10, ("msg", "outer: start"), ("threadName", "T")),
            Make.Record(11, ("msg", "outer: start"), ("threadName", "T")),
            Make.Record(12, ("msg", "outer: end"), ("threadName", "T")),
            Make.Record(15, ("msg", "outer: end with exception"), ("threadName", "T")),
            Make.Record(16, ("msg", "outer: end"), ("threadName", "U")),
        };

        var spans = SpanReport.Build(records).ToDictionary(s => s.Name);

        Assert.Equal((2, 1, 1, 3.0), (spans["load"].Count, spans["load"].Failed, spans["load"].Unmatched, spans["load"].Mean));
        Assert.Equal((2, 1, 1, 3.0, 5.0), (spans["outer"].Count, spans["outer"].Failed, spans["outer"].Unmatched, spans["outer"].Mean, spans["outer"].Max));
    }

    [Fact]
    public void The_prototype_lexical_spans_are_found_in_the_uniform_run()
    {
        var spans = SpanReport.Build(RecordLoader.Load(RealLogs.Uniform).Records);

        var gathering = Assert.Single(spans, s => s.Name == "Task %s: Gathering dependencies");
        Assert.Equal(20, gathering.Count);
        Assert.Equal(0, gathering.Unmatched);
        Assert.Contains(spans, s => s.Name == "DFK cleanup" && s.Count == 1);
        // wrap_with_logs: one launch per task, each paired by its wrap_id.
        var launches = Assert.Single(spans, s => s.Name == "_launch_if_ready_async");
        Assert.Equal(20, launches.Count);
        Assert.Equal(0, launches.Unmatched);
        // The worker's monitor wrapper is logged both in worker_N.jsonlog and in task_N_M.jsonlog.
        var monitor = Assert.Single(spans, s => s.Name == "monitor");
        Assert.Equal((20, 0), (monitor.Count, monitor.Unmatched));
    }
}
