using WideEvents.Analyze.Algebra;
using WideEvents.Analyze.Loaders;
using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Tests.Algebra;

public sealed class WorkQueueJoinTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("wide-wq-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Work_queue_task_ids_join_through_executor_ids_to_dfk_tasks()
    {
        // The layout Parsl's WorkQueueExecutor writes: runinfo/000/<label>/transaction_log beside the DFK's log.
        var run = Path.Combine(_root, "runinfo", "000");
        Directory.CreateDirectory(Path.Combine(run, "WorkQueueExecutor"));
        const string dfk = "44A1B621-4A00-4E80-AD76-ADDCF211B98D";
        File.WriteAllLines(Path.Combine(run, "parsl.jsonlog"),
        [
            $$"""{"created": "1795555395.60", "msg": "Task %s: try %s launched on executor %s with executor id %s", "parsl_dfk": "{{dfk}}", "parsl_task_id": "7", "parsl_try_id": "0", "parsl_executor": "WorkQueueExecutor", "parsl_executor_id": "3"}""",
            """{"created": "1795555395.61", "msg": "Executor task %s submitted as Work Queue task %s", "parsl_executor_id": "3", "wq_task_id": "12"}""",
        ]);
        File.WriteAllLines(Path.Combine(run, "WorkQueueExecutor", "transaction_log"),
        [
            "# time manager_pid MANAGER START|END",
            "1795555395692028 9899 MANAGER START",
            "1795555395692096 9899 TASK 12 WAITING default FIRST_RESOURCES {\"cores\":[1,\"cores\"]}",
            "1795555396698914 9899 TASK 12 RUNNING 127.0.0.1:47720  FIRST_RESOURCES {\"cores\":[1,\"cores\"]}",
            "1795555396699862 9899 TASK 12 WAITING_RETRIEVAL 127.0.0.1:47720 ",
            "1795555396700753 9899 TASK 12 DONE SUCCESS  0  {} {}",
            "1795555396700800 9899 TASK 13 WAITING default FIRST_RESOURCES {\"cores\":[1,\"cores\"]}",
        ]);
        var records = RecordLoader.Load(_root).Records;

        var outcome = RuleSet.Load(RealLogs.ParslRules).Apply(records);

        Assert.Empty(outcome.Conflicts);
        var task12 = records.Where(r => r["wq_task_id"].Canonical() == Value.From(12) && r.Has("wq_task_state")).ToList();
        Assert.Equal(4, task12.Count);
        Assert.All(task12, r =>
        {
            Assert.Equal(Value.From(7), r["parsl_task_id"].Canonical());
            Assert.Equal(Value.From(0), r["parsl_try_id"].Canonical());
            Assert.Equal(Value.From(dfk.ToLowerInvariant()), r["parsl_dfk"].Canonical());
            Assert.Equal("WorkQueueExecutor", r["parsl_executor"].AsString);
        });
        // A Work Queue task no executor task was submitted as stays unjoined.
        Assert.False(records.Single(r => r["wq_task_id"].Canonical() == Value.From(13)).Has("parsl_task_id"));
    }
}
