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
