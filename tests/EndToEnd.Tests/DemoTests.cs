using WideEvents.Analyze.Algebra;
using WideEvents.Analyze.Loaders;
using WideEvents.Analyze.Records;
using WideEvents.Cli;
using Record = WideEvents.Analyze.Records.Record;

namespace WideEvents.EndToEnd.Tests;

/// <summary>
/// `wide demo` with a small run: TaskFarm's processes write files, a real sidecar ships them to a
/// real collector, and the analysis of the collector's store is checked against what TaskFarm did.
/// </summary>
public sealed class DemoTests : IClassFixture<DemoTests.SmallDemo>
{
    private readonly SmallDemo _demo;

    public DemoTests(SmallDemo demo) => _demo = demo;

    [Fact]
    public void The_demo_succeeds_and_says_where_its_outputs_are()
    {
        Assert.True(_demo.ExitCode == 0, _demo.Error);
        Assert.True(_demo.Output.Contains("=== The flow of task", StringComparison.Ordinal), _demo.Output + _demo.Error);
        Assert.True(_demo.Output.Contains("likely bottleneck", StringComparison.Ordinal), _demo.Output + _demo.Error);
        Assert.True(File.Exists(Path.Combine(_demo.Directory, "report.html")));
        Assert.True(File.Exists(Path.Combine(_demo.Directory, "trace.json")));
    }

    [Fact]
    public void The_store_holds_exactly_the_records_the_processes_wrote()
    {
        var written = Directory.GetFiles(Path.Combine(_demo.Directory, "runinfo"), "*.jsonl", SearchOption.AllDirectories)
            .SelectMany(File.ReadLines).Where(l => l.Length > 0).ToList();
        var stored = Directory.GetFiles(Path.Combine(_demo.Directory, "store"), "*.jsonl")
            .SelectMany(File.ReadLines).Where(l => l.Length > 0).ToList();

        // The sidecar widens records with the run directory's name; without it, the store must hold
        // the very records written, each once: the same multiset, not only the same count.
        Assert.All(stored, line => Assert.Contains("\"run\":\"000\"", line));
        Assert.Equal(written.Select(l => Canonical(l, drop: null)).Order(StringComparer.Ordinal), stored.Select(l => Canonical(l, drop: "run")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_whole_demo_folder_counts_each_record_once_and_reads_none_of_our_own_files()
    {
        var whole = RecordLoader.Load(_demo.Directory);

        // runinfo files and the store hold the same records, counted once; trace.json, report.html,
        // the store's and the shippers' state files are not records.
        // The one other file read is TaskFarm's console output, whose last line, the run summary, is
        // a flat JSON object and so a record by the contract.
        var others = whole.Files.Where(f => !f.Path.EndsWith(".jsonl", StringComparison.Ordinal)).ToList();
        Assert.Equal("taskfarm.log", Path.GetFileName(Assert.Single(others).Path));
        Assert.Equal(_demo.Records.Count + 1, whole.Records.Count);
        Assert.True(whole.Duplicates >= _demo.Records.Count, $"{whole.Duplicates} duplicates");
        Assert.Contains(whole.Skipped, s => s.Path.EndsWith("trace.json", StringComparison.Ordinal) && s.Reason.Contains("Chrome trace", StringComparison.Ordinal));
        Assert.Contains(whole.Skipped, s => s.Path.EndsWith("store-state.json", StringComparison.Ordinal));
        Assert.DoesNotContain(whole.Files, f => f.Path.EndsWith(".json", StringComparison.Ordinal));
    }

    [Fact]
    public void Records_written_in_a_span_before_its_tie_join_the_try_the_tie_names()
    {
        // As written (no rules): the tie is the span's first record that carries exec_task_id.
        var raw = RecordLoader.Load(Path.Combine(_demo.Directory, "store")).Records;
        Assert.Equal(raw.Count, _demo.Records.Count);
        var before = 0;
        foreach (var span in Enumerable.Range(0, raw.Count).Where(i => raw[i].Has("span_id")).GroupBy(i => raw[i]["span_id"].ToString()))
        {
            var ties = span.Where(i => raw[i].Has("exec_task_id")).OrderBy(i => raw[i].Time).ToList();
            if (ties.Count == 0)
            {
                continue;
            }
            var tie = raw[ties[0]];
            foreach (var i in span.Where(i => raw[i].Time < tie.Time))
            {
                before++;
                // After the taskfarm rules the record, written before the span knew its try, names it.
                var joined = _demo.Records[i];
                Assert.Equal(tie["exec_task_id"].Canonical(), joined["exec_task_id"].Canonical());
                Assert.True(joined.Has("task_id") && joined.Has("try_id"), joined.Message());
            }
        }
        Assert.True(before > 0, "no record was written in a tied span before its tie");
    }

    [Fact]
    public void Every_executed_try_joins_to_its_interchange_and_pool_records()
    {
        var records = _demo.Records;
        var tries = records.Where(r => Component(r) == "submitter" && r.Has("to_state") && r["to_state"].ToString() == "running")
            .Select(r => (Task: r["task_id"].ToString(), Try: r["try_id"].ToString()))
            .Distinct()
            .ToList();
        Assert.NotEmpty(tries);

        var componentsByTry = records.Where(r => r.Has("task_id") && r.Has("try_id"))
            .GroupBy(r => (Task: r["task_id"].ToString(), Try: r["try_id"].ToString()))
            .ToDictionary(g => g.Key, g => g.Select(Component).ToHashSet());
        foreach (var attempt in tries)
        {
            Assert.True(componentsByTry.TryGetValue(attempt, out var components), $"task {attempt.Task} try {attempt.Try} has no records");
            Assert.Superset(new HashSet<string?> { "submitter", "interchange", "worker_pool" }, components);
        }

        // Exactly one record per try carries both id spaces as written (the tie); the rules put them everywhere else.
        var ties = Directory.GetFiles(Path.Combine(_demo.Directory, "store"), "*.jsonl").SelectMany(File.ReadLines)
            .Count(l => l.Contains("\"exec_task_id\"", StringComparison.Ordinal) && l.Contains("\"task_id\"", StringComparison.Ordinal));
        Assert.Equal(tries.Count, ties);
    }

    [Fact]
    public void The_final_states_match_what_the_submitter_reported()
    {
        var finalStates = _demo.Records
            .Where(r => Component(r) == "submitter" && r.Has("to_state"))
            .GroupBy(r => r["task_id"].ToString())
            .Select(g => g.OrderBy(r => r.Time).Last()["to_state"].ToString())
            .GroupBy(s => s)
            .ToDictionary(g => g.Key!, g => g.Count());

        Assert.Equal(SmallDemo.Tasks, finalStates.Values.Sum());
        var done = finalStates.GetValueOrDefault("exec_done");
        var failed = finalStates.GetValueOrDefault("failed") + finalStates.GetValueOrDefault("dep_fail");
        Assert.Equal(SmallDemo.Tasks, done + failed);
        Assert.Contains($"{done} done", _demo.Error);

        // The state report, run on the store, ends in the same states and has nothing left unfinished.
        var timeline = Assert.Single(WideEvents.Analyze.Reports.StateReport.Build(_demo.Records));
        var end = timeline.States.Select((st, i) => (st, n: timeline.Points[^1].Counts[i])).Where(x => x.n != 0).ToDictionary(x => x.st, x => x.n);
        Assert.Equal(finalStates.OrderBy(p => p.Key, StringComparer.Ordinal), end.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(SmallDemo.Tasks, timeline.Entities);
        Assert.Equal(0, timeline.Unfinished);

        // With a 10% failure rate and one retry, about 1% of tasks fail twice: some, not many.
        Assert.InRange(done, SmallDemo.Tasks * 9 / 10, SmallDemo.Tasks);
        Assert.True(timeline.Retries > 0, "no retry in a run with a 10% failure rate");
    }

    // A record line with sorted keys (and without the key the shipper added), so equal records compare equal as text.
    private static string Canonical(string line, string? drop)
    {
        var o = System.Text.Json.Nodes.JsonNode.Parse(line)!.AsObject();
        if (drop is not null)
        {
            o.Remove(drop);
        }
        return string.Join(",", o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value?.ToJsonString()));
    }

    private static string? Component(Record r) => r.Has("component") ? r["component"].ToString() : null;

    /// <summary>One demo run shared by the tests of this class.</summary>
    public sealed class SmallDemo : IDisposable
    {
        public const int Tasks = 200;

        public SmallDemo()
        {
            Directory = Path.Combine(Path.GetTempPath(), "wide-demo-test-" + Guid.NewGuid().ToString("N")[..8]);
            var output = new StringWriter();
            var error = new StringWriter();
            ExitCode = WideCli.Run(["demo", "--tasks", Tasks.ToString(System.Globalization.CultureInfo.InvariantCulture), "--fail-rate", "0.1", "--out", Directory], output, error);
            Output = output.ToString();
            Error = error.ToString();
            if (ExitCode == 0)
            {
                Records = RecordLoader.Load(Path.Combine(Directory, "store")).Records;
                RuleSet.Load(Path.Combine(AppContext.BaseDirectory, "Rules", "taskfarm.rules.json")).Apply(Records);
            }
        }

        public string Directory { get; }

        public int ExitCode { get; }

        public string Output { get; }

        public string Error { get; }

        public List<Record> Records { get; } = [];

        public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
    }
}
