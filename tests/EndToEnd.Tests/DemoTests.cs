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
            .SelectMany(File.ReadLines).Where(l => l.Length > 0).Order(StringComparer.Ordinal).ToList();
        var stored = Directory.GetFiles(Path.Combine(_demo.Directory, "store"), "*.jsonl")
            .SelectMany(File.ReadLines).Where(l => l.Length > 0).ToList();

        Assert.Equal(written.Count, stored.Count);

        // The sidecar widens records with the run directory's name, so compare what the processes wrote.
        Assert.All(stored, line => Assert.Contains("\"run\":\"000\"", line));
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

        // With a 10% failure rate and one retry, about 1% of tasks fail twice: some, not many.
        Assert.InRange(done, SmallDemo.Tasks * 9 / 10, SmallDemo.Tasks);
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
