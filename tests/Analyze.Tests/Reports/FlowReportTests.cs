using WideEvents.Analyze.Algebra;
using WideEvents.Analyze.Loaders;
using WideEvents.Analyze.Reports;

namespace WideEvents.Analyze.Tests.Reports;

public class FlowReportTests
{
    [Fact]
    public void The_flow_of_task_0_matches_the_prototype_taskwiden1_output()
    {
        var run = Path.Combine(RealLogs.Diamond, "runinfo", "000");
        var records = RecordLoader.Load(Path.Combine(run, "parsl.jsonlog"), Path.Combine(run, "htex_Local")).Records;
        RuleSet.Load(RealLogs.ParslRules).Apply(records);

        var flow = FlowReport.Build(records, EntitySpec.Parse("parsl_task_id=0"));

        // Prototype lines: "{datetime} {process} {formatted} ({logsource})".
        var expected = File.ReadAllLines(Path.Combine(RealLogs.Diamond, "prototype-output-taskwiden1-seed0.txt"))
            .SkipWhile(l => !l.StartsWith("=== About task 0", StringComparison.Ordinal)).Skip(1)
            .Where(l => l.StartsWith("20", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(33, expected.Count);
        Assert.Equal(expected.Count, flow.Count);
        for (var i = 0; i < flow.Count; i++)
        {
            var f = flow[i];
            Assert.EndsWith($" {f.Process} {f.Message} ({f.Source})", expected[i], StringComparison.Ordinal);
        }
        Assert.Equal(0, flow[0].Offset);
        Assert.Equal(flow.OrderBy(f => f.Time).Select(f => f.Time), flow.Select(f => f.Time));
    }

    [Fact]
    public void Entities_are_matched_on_canonical_values_and_untimed_records_come_last()
    {
        var records = new[]
        {
            Make.Record(5, ("task_id", "07"), ("msg", "b")),
            Make.Record(2, ("task_id", 7), ("msg", "a")),
            Make.Record(1, ("task_id", 8), ("msg", "other")),
        };
        var untimed = new Record("db");
        untimed.Set("task_id", "7");
        untimed.Set("app", "x");

        var flow = FlowReport.Build([.. records, untimed], EntitySpec.Parse("task_id=7"));

        Assert.Equal(["a", "b", "task_id=7 app=x"], flow.Select(f => f.Message));
        Assert.Equal(3, flow[1].Offset);
        Assert.Throws<FormatException>(() => EntitySpec.Parse("task_id"));
    }
}
