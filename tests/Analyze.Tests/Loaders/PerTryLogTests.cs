using WideEvents.Analyze.Algebra;
using WideEvents.Analyze.Loaders;
using WideEvents.Analyze.Reports;

namespace WideEvents.Analyze.Tests.Loaders;

public sealed class PerTryLogTests
{
    [Fact]
    public void A_per_try_log_joins_the_flow_of_its_task_and_try()
    {
        var records = RecordLoader.Load(RealLogs.Diamond).Records;
        RuleSet.Load(RealLogs.ParslRules).Apply(records);

        var flow = Assert.Single(FlowReport.ByRun(records, EntitySpec.Parse("parsl_task_id=16"))).Lines;

        var secondTry = flow.Where(l => l.Source == "task_16_1.jsonlog").ToList();
        Assert.Equal(File.ReadLines(Path.Combine(RealLogs.Diamond, "runinfo", "000", "task_16_1.jsonlog")).Count(), secondTry.Count);
        Assert.All(secondTry, l => Assert.Equal(1, l.Record["parsl_try_id"].AsLong));
        Assert.Contains(flow, l => l.Source == "task_16_0.jsonlog");
        Assert.Contains(flow, l => l.Source == "parsl.jsonlog");
    }
}
