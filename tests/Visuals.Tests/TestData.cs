using WideEvents.Analyze.Algebra;
using WideEvents.Analyze.Loaders;

namespace WideEvents.Visuals.Tests;

/// <summary>The real logs (found above the test binaries) and a small synthetic record set.</summary>
internal static class TestData
{
    public static string RepoRoot { get; } = FindRoot();

    public static string Diamond => Path.Combine(RepoRoot, "tests", "data", "real-logs", "parsl-benc-observability-run-diamond");

    public static string ParslRules => Path.Combine(AppContext.BaseDirectory, "Rules", "parsl.rules.json");

    /// <summary>The diamond run with the Parsl joins applied.</summary>
    public static List<Record> DiamondRecords()
    {
        var records = RecordLoader.Load(Diamond).Records;
        RuleSet.Load(ParslRules).Apply(records);
        return records;
    }

    public const double T0 = 1_800_000_000;

    /// <summary>
    /// Two processes: 100 ("submit") has nested spans a ⊃ b, a span c overlapping a partly, the
    /// states of task 1 and a queue metric; 200 ("worker") has two records of task 1.
    /// </summary>
    public static List<Record> Synthetic() =>
    [
        Make(0.0, "100", "submit", ("span_event", "start"), ("span_id", "a"), ("span_name", "outer")),
        Make(0.5, "100", "submit", ("parsl_dfk", "d1"), ("parsl_task_id", "1"), ("message", "Task 1 initializing state to pending")),
        Make(1.0, "100", "submit", ("span_event", "start"), ("span_id", "b"), ("span_parent", "a"), ("span_name", "inner")),
        Make(1.0, "100", "submit", ("metric", "queue"), ("value", "3")),
        Make(1.0, "100", "submit", ("parsl_dfk", "d1"), ("parsl_task_id", "1"), ("message", "Task 1 changing state from pending to launched")),
        Make(2.0, "100", "submit", ("span_event", "end"), ("span_id", "b"), ("span_name", "inner"), ("duration_s", "1.0")),
        Make(2.0, "100", "submit", ("metric", "queue"), ("value", "5")),
        Make(2.0, "100", "submit", ("parsl_dfk", "d1"), ("parsl_task_id", "1"), ("message", "Task 1 changing state from launched to running")),
        Make(2.5, "200", "worker", ("parsl_dfk", "d1"), ("parsl_task_id", "1"), ("message", "worker got task 1")),
        Make(3.0, "100", "submit", ("span_event", "start"), ("span_id", "c"), ("span_name", "overlapping")),
        Make(4.0, "200", "worker", ("parsl_dfk", "d1"), ("parsl_task_id", "1"), ("message", "worker finished task 1")),
        Make(5.0, "100", "submit", ("span_event", "end"), ("span_id", "a"), ("span_name", "outer")),
        Make(6.0, "100", "submit", ("parsl_dfk", "d1"), ("parsl_task_id", "1"), ("message", "Task 1 changing state from running to exec_done")),
        Make(7.0, "100", "submit", ("span_event", "end"), ("span_id", "c"), ("span_name", "overlapping")),
    ];

    public static Record Make(double offset, string process, string logsource, params (string Key, string Value)[] properties)
    {
        var r = new Record(logsource + ".jsonl");
        r.Set("created", T0 + offset);
        r.Set("process", process);
        r.Set("threadName", "MainThread");
        r.Set("logsource", logsource);
        foreach (var (k, v) in properties)
        {
            r.Set(k, v);
        }
        return r;
    }

    /// <summary>
    /// A TaskFarm-shaped run of <paramref name="tasks"/> tasks as the collector's store holds it:
    /// records in files named by UUID, each carrying <c>component</c>, <c>process</c>, <c>pid</c>
    /// and <c>host</c>. Per task: the submitter's pending, the interchange's launched, and a pool's
    /// running and exec_done (exit_code 0) or, for <paramref name="failedTasks"/>, failed (exit_code 1).
    /// Tasks start 10 ms apart and run 1 to 2 s, on 4 pools on 4 hosts.
    /// </summary>
    public static List<Record> FarmRun(int tasks, IReadOnlyCollection<int>? failedTasks = null)
    {
        var failed = failedTasks?.ToHashSet() ?? [];
        var records = new List<Record>(tasks * 4);
        // The store names its files by the shipper's UUID, which says nothing to a reader.
        var stores = Enumerable.Range(0, 6).Select(i => $"store/{new Guid(i + 1, 0x5a5a, 0x1234, [1, 2, 3, 4, 5, 6, 7, (byte)i]):D}.clef").ToArray();
        Record Farm(int store, double at, string component, int pid, string host, int task, string state, params (string Key, object Value)[] more)
        {
            var r = new Record(stores[store]);
            r.Set("@t", T0 + at);
            r.Set("@mt", "Task {task_id} is {to_state}");
            r.Set("component", component);
            r.Set("process", component == "submitter" ? "TaskFarm" : component == "interchange" ? "TaskFarm.Interchange" : "TaskFarm.Pool");
            r.Set("pid", pid);
            r.Set("host", host);
            r.Set("run_id", "farm-1");
            r.Set("task_id", task);
            r.Set("try_id", 0);
            r.Set("to_state", state);
            foreach (var (k, v) in more)
            {
                switch (v)
                {
                    case int n: r.Set(k, n); break;
                    default: r.Set(k, v.ToString()); break;
                }
            }
            return r;
        }
        for (var i = 0; i < tasks; i++)
        {
            var start = i * 0.01;
            var pool = i % 4;
            var app = i % 3 == 0 ? "transform" : "reduce";
            var run = 1.0 + (i * 7919 % 1000) / 1000.0;
            records.Add(Farm(0, start, "submitter", 4100, "login-1", i, "pending", ("app", app)));
            records.Add(Farm(1, start + 0.002, "interchange", 4200, "login-1", i, "launched"));
            records.Add(Farm(2 + pool, start + 0.005, "pool", 5000 + pool, $"node-{pool}", i, "running", ("worker", pool)));
            records.Add(Farm(2 + pool, start + 0.005 + run, "pool", 5000 + pool, $"node-{pool}", i, failed.Contains(i) ? "failed" : "exec_done",
                ("worker", pool), ("exit_code", failed.Contains(i) ? 1 : 0)));
        }
        return records;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WideEvents.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("WideEvents.sln not found above " + AppContext.BaseDirectory);
    }
}
