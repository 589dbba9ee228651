using WideEvents.Analyze.Visuals.Trace;
using WideEvents.Cli;

namespace WideEvents.Visuals.Tests.Trace;

public sealed class ChromeTraceTests
{
    private static (TraceSummary Summary, TraceFile File) Write(IReadOnlyList<Record> records, TraceOptions? options = null)
    {
        using var stream = new MemoryStream();
        var summary = ChromeTrace.Write(records, stream, options);
        return (summary, new TraceFile(stream.ToArray()));
    }

    [Fact]
    public void The_diamond_run_gives_a_valid_trace_with_slices_flows_and_counters()
    {
        var (summary, trace) = Write(TestData.DiamondRecords());

        trace.AssertValid();
        Assert.True(summary.Processes > 5, $"{summary.Processes} processes");
        Assert.True(summary.Flows > 10, $"{summary.Flows} flows");
        Assert.Equal(summary.Flows, trace.Phase("s").Count());
        Assert.Contains(trace.Phase("C"), c => c.GetProperty("name").GetString() == "pending_task_queue_length");
        // Task states: 17 tasks (16 has two tries), each a parent slice with its states nested inside.
        var states = trace.Phase("X").Where(e => e.GetProperty("cat").GetString() == "task-state").ToList();
        Assert.Contains(states, e => e.GetProperty("name").GetString() == "running");
        Assert.Equal("task states", trace.ProcessName(1));
        Assert.Contains(trace.Phase("M"), e => e.GetProperty("name").GetString() == "process_name" && e.GetProperty("args").GetProperty("name").GetString()!.StartsWith("interchange log", StringComparison.Ordinal));
    }

    [Fact]
    public void The_trace_shows_every_span_the_span_report_counts_on_the_diamond_run()
    {
        var records = TestData.DiamondRecords();

        var (_, trace) = Write(records);

        // The trace paired spans with its own copy of the pairing and missed the prototype's
        // wrap_with_logs spans ("Starting f" / "Normal ending for f") that the report counts.
        var report = WideEvents.Analyze.Reports.SpanReport.Build(records);
        var slices = trace.Phase("X").Count(e => e.GetProperty("cat").GetString() == "span");
        Assert.Equal(report.Sum(s => s.Count), slices);
        Assert.Contains(report, s => s.Name == "_launch_if_ready_async" && s.Count > 0);
        Assert.Contains(trace.Phase("X"), e => e.GetProperty("cat").GetString() == "span" && e.GetProperty("name").GetString() == "_launch_if_ready_async");
    }

    [Theory]
    [InlineData("cctools-workqueue-manual-excerpt")]
    [InlineData("nf-core-cellpainting-htex-parsl-2025.05.12")]
    [InlineData("parsl-benc-observability-run-uniform")]
    [InlineData("parsl-pr3169-monitoring-db")]
    [InlineData("workqueue-generated-debian-cctools")]
    public void Every_real_log_folder_gives_a_valid_trace(string folder)
    {
        var records = WideEvents.Analyze.Loaders.RecordLoader.Load(Path.Combine(TestData.RepoRoot, "tests", "data", "real-logs", folder)).Records;
        WideEvents.Analyze.Algebra.RuleSet.Load(TestData.ParslRules).Apply(records);

        var (summary, trace) = Write(records);

        trace.AssertValid();
        Assert.True(summary.Slices > 0 && summary.Flows > 0, summary.ToString());
    }

    [Fact]
    public void Partly_overlapping_spans_go_to_separate_thread_tracks_and_nested_spans_share_one()
    {
        var (_, trace) = Write(TestData.Synthetic());
        trace.AssertValid();

        var spans = trace.Phase("X").Where(e => e.GetProperty("cat").GetString() == "span")
            .ToDictionary(e => e.GetProperty("name").GetString()!, e => (Tid: e.GetProperty("tid").GetInt32(), Ts: e.GetProperty("ts").GetDouble(), Dur: e.GetProperty("dur").GetDouble()));
        Assert.Equal(3, spans.Count);
        Assert.Equal(spans["outer"].Tid, spans["inner"].Tid);
        Assert.NotEqual(spans["outer"].Tid, spans["overlapping"].Tid);
        Assert.Equal((0.0, 5e6), (spans["outer"].Ts, spans["outer"].Dur));
        Assert.Equal((1e6, 1e6), (spans["inner"].Ts, spans["inner"].Dur));
        Assert.Equal((3e6, 4e6), (spans["overlapping"].Ts, spans["overlapping"].Dur));
    }

    [Fact]
    public void A_task_is_followed_from_its_states_to_each_process_by_flow_arrows()
    {
        var (summary, trace) = Write(TestData.Synthetic());

        Assert.Equal(2, summary.Flows);
        var states = trace.Phase("X").Where(e => e.GetProperty("cat").GetString() == "task-state")
            .Select(e => (e.GetProperty("name").GetString(), e.GetProperty("ts").GetDouble(), e.GetProperty("dur").GetDouble())).ToList();
        Assert.Equal([("pending", 0.5e6, 0.5e6), ("launched", 1e6, 1e6), ("running", 2e6, 4e6), ("exec_done", 6e6, 0.0)], states);
        var worker = trace.Phase("X").Single(e => e.GetProperty("cat").GetString() == "task-activity" && trace.ProcessName(e.GetProperty("pid").GetInt32()).StartsWith("worker", StringComparison.Ordinal));
        Assert.Equal((2.5e6, 1.5e6), (worker.GetProperty("ts").GetDouble(), worker.GetProperty("dur").GetDouble()));
        var finish = trace.Phase("f").Select(f => f.GetProperty("pid").GetInt32()).ToList();
        Assert.Contains(worker.GetProperty("pid").GetInt32(), finish);
    }

    [Fact]
    public void Past_the_row_limit_entities_that_do_not_overlap_share_state_threads()
    {
        // Ten tasks one after another, then two at once.
        var records = new List<Record>();
        for (var i = 0; i < 12; i++)
        {
            var at = i < 10 ? i * 2.0 : 30;
            records.Add(TestData.Make(at, "100", "submit", ("parsl_task_id", $"{i}"), ("message", $"Task {i} initializing state to pending")));
            records.Add(TestData.Make(at + 1, "100", "submit", ("parsl_task_id", $"{i}"), ("message", $"Task {i} changing state from pending to exec_done")));
        }

        var (_, packed) = Write(records, new TraceOptions { MaxEntityRows = 5 });
        var (_, rows) = Write(records);

        packed.AssertValid();
        int StateThreads(TraceFile t) => t.Phase("X").Where(e => e.GetProperty("pid").GetInt32() == 1).Select(e => e.GetProperty("tid").GetInt32()).Distinct().Count();
        Assert.Equal(2, StateThreads(packed));
        Assert.Equal(12, StateThreads(rows));
    }

    [Fact]
    public void Failed_spans_and_error_records_are_coloured_bad()
    {
        var records = TestData.Synthetic();
        records.Add(TestData.Make(8, "100", "submit", ("span_event", "start"), ("span_id", "x"), ("span_name", "doomed")));
        records.Add(TestData.Make(9, "100", "submit", ("span_event", "end"), ("span_id", "x"), ("span_name", "doomed"), ("outcome", "TimeoutException")));
        records.Add(TestData.Make(9, "100", "submit", ("@l", "Error"), ("message", "it broke")));

        var (_, trace) = Write(records);

        string? Color(System.Text.Json.JsonElement e) => e.TryGetProperty("cname", out var c) ? c.GetString() : null;
        var spans = trace.Phase("X").Where(e => e.GetProperty("cat").GetString() == "span").ToDictionary(e => e.GetProperty("name").GetString()!, Color);
        Assert.Equal("bad", spans["doomed"]);
        Assert.Null(spans["outer"]);
        Assert.Equal("bad", Color(trace.Phase("i").Single(e => e.GetProperty("args").GetProperty("message").GetString() == "it broke")));
        Assert.Single(trace.Phase("i"), e => Color(e) == "bad");
    }

    [Fact]
    public void Metric_records_become_counters_on_their_process()
    {
        var (summary, trace) = Write(TestData.Synthetic(), new TraceOptions { IncludeRecords = false });

        Assert.Equal(0, summary.Instants);
        var counters = trace.Phase("C").Select(c => (c.GetProperty("name").GetString(), c.GetProperty("ts").GetDouble(), c.GetProperty("args").GetProperty("value").GetDouble())).ToList();
        Assert.Equal([("queue", 1e6, 3.0), ("queue", 2e6, 5.0)], counters);
        Assert.StartsWith("submit", trace.ProcessName(trace.Phase("C").First().GetProperty("pid").GetInt32()), StringComparison.Ordinal);
    }

    [Fact]
    public void Wide_trace_writes_the_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"wide-trace-{Guid.NewGuid():N}.json");
        try
        {
            var output = new StringWriter();
            var code = WideCli.Run(["trace", Path.Combine(TestData.Diamond, "runinfo", "000"), "--rules", "parsl", "-o", path], output, new StringWriter());

            Assert.Equal(0, code);
            Assert.Contains("flows", output.ToString(), StringComparison.Ordinal);
            new TraceFile(File.ReadAllBytes(path)).AssertValid();
        }
        finally
        {
            File.Delete(path);
        }
    }
}
