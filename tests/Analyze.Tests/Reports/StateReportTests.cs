using WideEvents.Analyze.Algebra;
using WideEvents.Analyze.Loaders;
using WideEvents.Analyze.Reports;

namespace WideEvents.Analyze.Tests.Reports;

public class StateReportTests
{
    private static int Count(StateTimeline t, StatePoint p, string state) => p.Counts[t.States.ToList().IndexOf(state)];

    [Fact]
    public void Out_of_order_and_duplicate_state_records_give_an_exact_step_function()
    {
        var records = new[]
        {
            // Task 1: the worker's "running" is stamped before the DFK's "launched" (clock skew) and
            // "launched" arrives twice from two sources.
            Make.Record(0, ("parsl_task_id", 1), ("parsl_task_status", "pending")),
            Make.Record(2, ("parsl_task_id", 1), ("parsl_task_status", "running")),
            Make.Record(3, ("parsl_task_id", 1), ("parsl_task_status", "launched")),
            Make.Record(1, ("parsl_task_id", "1"), ("parsl_task_status", "launched")),
            Make.Record(6, ("parsl_task_id", 1), ("parsl_task_status", "exec_done")),
            // Task 2: a retry.
            Make.Record(1, ("parsl_task_id", 2), ("parsl_task_status", "pending")),
            Make.Record(4, ("parsl_task_id", 2), ("parsl_task_status", "fail_retryable")),
            Make.Record(5, ("parsl_task_id", 2), ("parsl_task_status", "pending")),
            Make.Record(7, ("parsl_task_id", 2), ("parsl_task_status", "failed")),
            Make.Record(8, ("parsl_task_id", 2), ("parsl_task_status", "running")),
        };

        var t = Assert.Single(StateReport.Build(records));

        Assert.Equal(2, t.Entities);
        Assert.Equal(2, t.IgnoredEvents);
        Assert.Equal([0, 1, 2, 4, 5, 6, 7], t.Points.Select(p => p.Time));
        string Row(StatePoint p) => $"{Count(t, p, "pending")}{Count(t, p, "launched")}{Count(t, p, "running")}{Count(t, p, "exec_done")}{Count(t, p, "fail_retryable")}{Count(t, p, "failed")}";
        Assert.Equal(["100000", "110000", "101000", "001010", "101000", "100100", "000101"], t.Points.Select(Row));
        Assert.All(t.Points, p => Assert.True(p.Counts.Sum() <= 2));
    }

    [Fact]
    public void The_diamond_run_ends_with_sixteen_done_and_one_failed_from_logs_and_database_together()
    {
        var records = RecordLoader.Load(RealLogs.Diamond).Records;
        RuleSet.Load(RealLogs.ParslRules).Apply(records);

        var t = Assert.Single(StateReport.Build(records));

        Assert.Equal(17, t.Entities);
        var last = t.Points[^1];
        Assert.Equal(16, Count(t, last, "exec_done"));
        Assert.Equal(1, Count(t, last, "failed"));
        Assert.Equal(17, last.Counts.Sum());
        // Two blocks of two workers: never more than four tasks running.
        Assert.InRange(t.Points.Max(p => Count(t, p, "running")), 1, 4);
    }

    [Fact]
    public void Work_queue_tasks_all_finish()
    {
        var records = RecordLoader.Load(RealLogs.Dir("workqueue-generated-debian-cctools")).Records;
        var t = Assert.Single(StateReport.Build(records));

        Assert.Equal("work queue task", t.Name);
        Assert.Equal(8, t.Entities);
        Assert.Equal(0, t.IgnoredEvents);
        Assert.Equal(8, Count(t, t.Points[^1], "DONE"));
        var taskLines = records.Where(r => r.Has("wq_task_state")).ToList();
        Assert.Equal(40, taskLines.Count);
        Assert.Equal(taskLines.Select(r => r.Time).Distinct().Count(), t.Points.Count);
        // Every task seen so far is in exactly one state.
        Assert.All(t.Points, p => Assert.Equal(taskLines.Where(r => r.Time <= p.Time).Select(r => r["wq_task_id"].AsLong).Distinct().Count(), p.Counts.Sum()));
    }
}
