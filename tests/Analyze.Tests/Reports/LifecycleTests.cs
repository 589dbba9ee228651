using WideEvents.Analyze.Tests.Support;
using WideEvents.Cli;
using System.Text.Json;
using WideEvents.Analyze.Algebra;
using WideEvents.Analyze.Loaders;
using WideEvents.Analyze.Reports;

namespace WideEvents.Analyze.Tests.Reports;

public sealed class LifecycleTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wide-lifecycle-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args) => Wide.Run(args);

    private static Dictionary<string, int> FinalCounts(StateTimeline t) =>
        t.States.Select((s, i) => (s, n: t.Points[^1].Counts[i])).Where(x => x.n != 0).ToDictionary(x => x.s, x => x.n);

    [Fact]
    public void States_on_the_nf_core_run_count_failures_and_dependency_failures_summed_over_its_runs()
    {
        var (code, json, _) = Run("states", RealLogs.NfCore, "--json");

        Assert.Equal(0, code);
        var last = JsonDocument.Parse(json.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]).RootElement;
        Assert.Equal(46, last.GetProperty("exec_done").GetInt32());
        Assert.Equal(4, last.GetProperty("failed").GetInt32());
        Assert.Equal(3, last.GetProperty("dep_fail").GetInt32());
        // Task 14's dependency never finished: no final record, so it stays pending, and the report says so.
        Assert.Equal(1, last.GetProperty("pending").GetInt32());
        Assert.Contains("1 with no final state", Run("states", RealLogs.NfCore).Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_nf_core_run_ends_as_its_log_lines_say()
    {
        var run000 = RecordLoader.Load(Path.Combine(RealLogs.NfCore, "runinfo", "000")).Records;
        var run001 = RecordLoader.Load(Path.Combine(RealLogs.NfCore, "runinfo", "001")).Records;
        RuleSet.Load(RealLogs.ParslRules).Apply(run000);

        var first = Assert.Single(StateReport.Build(run000));
        var second = Assert.Single(StateReport.Build(run001));

        Assert.Equal(new Dictionary<string, int> { ["pending"] = 1, ["exec_done"] = 13, ["failed"] = 4, ["dep_fail"] = 3 }, FinalCounts(first));
        Assert.Equal(1, first.Unfinished);
        Assert.Equal(new Dictionary<string, int> { ["exec_done"] = 33 }, FinalCounts(second));
        Assert.Equal(0, second.Unfinished);
    }

    [Fact]
    public void The_diamond_run_has_one_retry_and_one_failure()
    {
        var records = RecordLoader.Load(RealLogs.Diamond).Records;
        RuleSet.Load(RealLogs.ParslRules).Apply(records);

        var parsl = Assert.Single(StateReport.Build(records), t => t.Name == "parsl task");

        Assert.Equal(17, parsl.Entities);
        Assert.Equal(new Dictionary<string, int> { ["exec_done"] = 16, ["failed"] = 1 }, FinalCounts(parsl));
        Assert.Equal(1, parsl.Retries);
        Assert.Equal(0, parsl.Unfinished);
    }

    [Fact]
    public void The_built_in_lifecycles_are_files_in_the_rule_file_format()
    {
        Assert.Equal(["taskvine task", "work queue task", "taskfarm task", "parsl task"], Lifecycle.BuiltIn.Select(l => l.Name));
        foreach (var name in new[] { "parsl", "workqueue", "taskvine", "taskfarm" })
        {
            var loaded = Lifecycle.Load(Path.Combine(AppContext.BaseDirectory, "Rules", name + ".lifecycle.json"));
            Assert.Contains(Lifecycle.BuiltIn, l => l.Name == loaded.Name && l.States.SequenceEqual(loaded.States));
        }
    }

    [Fact]
    public void A_users_own_lifecycle_file_reads_work_queue_workers_from_the_real_transaction_log()
    {
        var file = Path.Combine(_dir, "workers.lifecycle.json");
        File.Copy(RealLogs.WorkersLifecycle, file);

        var (code, output, _) = Run("states", RealLogs.Dir("workqueue-generated-debian-cctools"), "--lifecycle", file);

        Assert.Equal(0, code);
        Assert.Contains("work queue worker: 1 entities", output, StringComparison.Ordinal);
        Assert.Contains("at the end: DISCONNECTION 1; 0 with no final state", output, StringComparison.Ordinal);
        Assert.Contains("work queue task: 8 entities", output, StringComparison.Ordinal);

        File.WriteAllText(file, """{ "name": "x", "states": [["a"]], "events": [ { "message": "no state group" } ] }""");
        var (bad, _, error) = Run("states", RealLogs.Dir("workqueue-generated-debian-cctools"), "--lifecycle", file);
        Assert.Equal(ExitCodes.BadInput, bad);
        Assert.Contains("invalid lifecycle file", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TaskVine_tasks_are_not_called_work_queue_tasks_even_in_one_file_with_both()
    {
        var records = RecordLoader.Load(RealLogs.Dir("cctools-workqueue-manual-excerpt")).Records;

        var timelines = StateReport.Build(records);

        var vine = Assert.Single(timelines, t => t.Name == "taskvine task");
        var wq = Assert.Single(timelines, t => t.Name == "work queue task");
        Assert.Equal(records.Where(r => r["wq_manager_pid"].ToString() == "4107108" && r.Has("wq_task_id")).Select(r => r["wq_task_id"].ToString()).Distinct().Count(), vine.Entities);
        Assert.True(wq.Entities > 0);
        Assert.All(records.Where(r => r["wq_manager_pid"].ToString() == "4107108"), r => Assert.Equal("TaskVine transaction_log", r["logsource"].ToString()));
        Assert.All(records.Where(r => r["wq_manager_pid"].ToString() == "16444"), r => Assert.Equal("Work Queue transaction_log", r["logsource"].ToString()));
    }
}
