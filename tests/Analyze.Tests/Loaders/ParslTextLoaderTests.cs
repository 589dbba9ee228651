using WideEvents.Analyze.Loaders;
using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Tests.Loaders;

public class ParslTextLoaderTests
{
    private static readonly string Run = Path.Combine(RealLogs.Dir("nf-core-cellpainting-htex-parsl-2025.05.12"), "runinfo", "000");

    [Fact]
    public void Parsl_log_lines_give_time_level_process_thread_logger_and_multi_line_messages()
    {
        var records = RecordLoader.Load(Path.Combine(Run, "parsl.log")).Records;

        var first = records[0];
        Assert.Equal(1777394882.822396, first.Time, 6);
        Assert.Equal(Severity.Information, first.Level());
        Assert.Equal("75", first.Process());
        Assert.Equal("MainThread", first.Thread());
        Assert.Equal("parsl.dataflow.dflow", first["name"].AsString);
        Assert.StartsWith("Starting DataFlowKernel with config\nConfig(", first.Message(), StringComparison.Ordinal);
        Assert.All(records, r => Assert.False(double.IsNaN(r.Time)));
    }

    [Fact]
    public void Interchange_manager_and_worker_formats_are_recognised()
    {
        var records = RecordLoader.Load(Path.Combine(Run, "htex_default_for_cytotable")).Records;

        var interchange = records.First(r => r["logsource"].AsString == "interchange log");
        Assert.Equal("interchange", interchange["name"].AsString);
        Assert.Equal("94", interchange.Process());
        Assert.Equal("Connected to client", records.First(r => r["lineno"].AsLong == 127).Message());
        var worker = records.First(r => r["logsource"].AsString == "Pool worker log" && r["worker"].AsString == "0");
        Assert.Equal("Worker 0 started", worker.Message());
        Assert.Equal("054565ab9a60", worker["manager"].AsString);
        Assert.Contains(records, r => r["logsource"].AsString == "Pool manager log" && r.Message()!.Contains("\n  Python version", StringComparison.Ordinal));
    }

    [Fact]
    public void Ids_in_messages_become_keys_and_the_parsl_rules_join_text_logs_to_workers()
    {
        var records = RecordLoader.Load(Run).Records;
        var outcome = WideEvents.Analyze.Algebra.RuleSet.Load(RealLogs.ParslRules).Apply(records);

        Assert.Empty(outcome.Conflicts);
        var binding = records.First(r => r.Message()!.StartsWith("Parsl task 0 try 0 launched", StringComparison.Ordinal));
        Assert.Equal("Parsl task %s try %s launched on executor htex_default_for_cytotable with executor id %s", binding.Template());
        Assert.Equal("1", binding["parsl_executor_id"].AsString);
        // "Received executor task 1" in worker_0.log is Parsl task 0.
        var received = records.Single(r => r.Message() == "Received executor task 1");
        Assert.Equal(Value.From(0), received["parsl_task_id"].Canonical());
        Assert.Equal(Value.From(0), received["parsl_try_id"].Canonical());
        var workerRecords = records.Where(r => r.Has("htex_task_id") && r["logsource"].AsString == "Pool worker log").ToList();
        Assert.NotEmpty(workerRecords);
        Assert.All(workerRecords, r => Assert.True(r.Has("parsl_task_id"), r.Message()));
        // Two runs, both numbering tasks from 0: entities are scoped by run directory.
        var both = RecordLoader.Load(Path.GetDirectoryName(Run)!).Records;
        Assert.Equal(["run", "parsl_task_id"], WideEvents.Analyze.Reports.CommonPathReport.DetectEntityKeys(both));
    }
}
