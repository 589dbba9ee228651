using WideEvents.Analyze.Loaders;
using WideEvents.Analyze.Reports;

namespace WideEvents.Analyze.Tests.Reports;

public class WorkQueueRunsTests
{
    private static List<WideEvents.Analyze.Records.Record> TwoManagers() => RecordLoader.Load(
        Path.Combine(RealLogs.Dir("workqueue-generated-debian-cctools"), "transaction_log"),
        Path.Combine(RealLogs.Dir("cctools-workqueue-manual-excerpt"), "taskvine-doc-sample-lines.txt")).Records;

    [Fact]
    public void Two_managers_logs_loaded_together_keep_their_task_1_apart()
    {
        var records = TwoManagers();

        var flows = FlowReport.ByRun(records, EntitySpec.Parse("wq_task_id=1"));
        var common = CommonPathReport.Build(records);

        // The Debian run and the two managers quoted in the TaskVine manual each have a task 1.
        Assert.Equal(3, flows.Count);
        Assert.Equal(3, records.Where(r => r["wq_task_id"].ToString() == "1").Select(r => r["wq_manager_pid"].ToString()).Distinct().Count());
        Assert.All(flows, f => Assert.Single(f.Lines.Select(l => l.Record["wq_manager_pid"].ToString()).Distinct()));
        Assert.Equal(["wq_manager_pid", "wq_task_id"], common.EntityKeys);
        // The TaskVine manager's tasks are a timeline of their own; together every (manager, task) once.
        var timelines = StateReport.Build(records);
        Assert.Equal(["taskvine task", "work queue task"], timelines.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.Equal(records.Where(r => r.Has("wq_task_id")).Select(r => (r["wq_manager_pid"].ToString(), r["wq_task_id"].ToString())).Distinct().Count(), timelines.Sum(t => t.Entities));
    }
}
