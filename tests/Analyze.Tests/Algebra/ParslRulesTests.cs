using WideEvents.Analyze.Algebra;
using WideEvents.Analyze.Loaders;
using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Tests.Algebra;

public class ParslRulesTests
{
    [Theory]
    [InlineData("parsl-benc-observability-run-uniform", 20)]
    [InlineData("parsl-benc-observability-run-diamond", 17)]
    public void Dfk_task_ids_join_to_htex_task_ids_manager_and_worker_records(string folder, int tasks)
    {
        var records = RecordLoader.Load(RealLogs.Dir(folder)).Records;
        var outcome = RuleSet.Load(RealLogs.ParslRules).Apply(records);

        Assert.Empty(outcome.Conflicts);
        // Every executor record about an htex task now names its DFK task and try.
        var htex = records.Where(r => r.Has("htex_task_id") && r.Has("executor")).ToList();
        Assert.NotEmpty(htex);
        Assert.All(htex, r => Assert.True(r.Has("parsl_task_id") && r.Has("parsl_try_id"), r.Message()));
        foreach (var source in new[] { "interchange log", "Pool manager log", "Pool worker log" })
        {
            var joined = htex.Where(r => r["logsource"].AsString == source).Select(r => r["parsl_task_id"].Canonical()).Distinct().Count();
            Assert.True(joined == tasks, $"{source}: {joined} tasks joined, expected {tasks}");
        }
        // The join follows the DFK's "try launched ... executor id" binding.
        var binding = records.Where(r => r.Template() == "Task %s: try %s launched on executor %s with executor id %s")
            .ToDictionary(r => r["parsl_executor_id"].Canonical(), r => r["parsl_task_id"].Canonical());
        Assert.All(htex, r => Assert.Equal(binding[r["htex_task_id"].Canonical()], r["parsl_task_id"].Canonical()));
        Assert.All(records.Where(r => r.Has("parsl_task_id") && r.Has("parsl_dfk")), r => Assert.True(r.Has("parsl_app_name")));
    }

    [Fact]
    public void The_retried_task_has_two_tries_on_two_executor_tasks()
    {
        var records = RecordLoader.Load(RealLogs.Diamond).Records;
        RuleSet.Load(RealLogs.ParslRules).Apply(records);

        var workers = records.Where(r => r["logsource"].AsString == "Pool worker log" && r["parsl_task_id"].Canonical() == Value.From(16)).ToList();
        Assert.Equal(2, workers.Select(r => r["parsl_try_id"].Canonical()).Distinct().Count());
        Assert.Equal(2, workers.Select(r => r["htex_task_id"].Canonical()).Distinct().Count());
    }
}
