using WideEvents.Analyze.Loaders;
using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Tests.Loaders;

public class MonitoringDbLoaderTests
{
    [Fact]
    public void The_old_schema_database_loads_without_the_newer_columns()
    {
        var result = RecordLoader.Load(Path.Combine(RealLogs.Dir("parsl-pr3169-monitoring-db"), "monitoring.db"));

        Assert.Equal(LogFormat.MonitoringDb, Assert.Single(result.Files).Format);
        var status = result.Records.Where(r => r["table"].AsString == "status").ToList();
        Assert.Equal(5, status.Count);
        Assert.All(status, r => Assert.False(double.IsNaN(r.Time)));
        Assert.Single(result.Records, r => r["table"].AsString == "task");
        Assert.Contains(result.Records, r => r["table"].AsString == "block");
        Assert.Contains(result.Records, r => r["table"].AsString == "node");
        Assert.All(result.Records.Where(r => r["table"].AsString == "resource"), r => Assert.False(r.Has("psutil_cpu_num")));
        Assert.All(result.Records.Where(r => r.Has("parsl_task_id")), r => Assert.True(r.Has("parsl_dfk")));
    }

    [Fact]
    public void The_current_schema_gives_status_rows_for_every_try()
    {
        var records = RecordLoader.Load(Path.Combine(RealLogs.Diamond, "runinfo", "monitoring.db")).Records;

        var task16 = records.Where(r => r["table"].AsString == "status" && r["parsl_task_id"].Canonical() == Value.From(16))
            .OrderBy(r => r.Time).Select(r => $"{r["parsl_try_id"]}:{r["parsl_task_status"]}").ToList();
        Assert.Equal(["0:pending", "0:launched", "0:running", "0:running_ended", "0:fail_retryable",
                      "1:pending", "1:launched", "1:running", "1:running_ended", "1:failed"], task16);
        Assert.Equal(2, records.Count(r => r["table"].AsString == "workflow"));
    }

    [Fact]
    public void Task_and_try_rows_are_timed_by_when_the_task_was_invoked_and_the_try_launched()
    {
        var records = RecordLoader.Load(Path.Combine(RealLogs.Diamond, "runinfo", "monitoring.db")).Records;

        var tasks = records.Where(r => r["table"].AsString == "task").ToList();
        var tries = records.Where(r => r["table"].AsString == "try").ToList();
        Assert.Equal(17, tasks.Count);
        Assert.Equal(18, tries.Count);
        Assert.All(tasks.Concat(tries), r => Assert.False(double.IsNaN(r.Time)));
        var task16 = tasks.Single(r => r["parsl_task_id"].Canonical() == Value.From(16));
        var pending = records.Where(r => r["table"].AsString == "status" && r["parsl_task_id"].Canonical() == Value.From(16)).Min(r => r.Time);
        Assert.InRange(task16.Time, pending - 1, pending + 1);
    }
}
