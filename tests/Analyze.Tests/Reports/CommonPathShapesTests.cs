using WideEvents.Analyze.Algebra;
using WideEvents.Analyze.Loaders;
using WideEvents.Analyze.Records;
using WideEvents.Analyze.Reports;

namespace WideEvents.Analyze.Tests.Reports;

public class CommonPathShapesTests
{
    [Fact]
    public void The_diamond_run_gives_one_common_path_per_shape_instead_of_an_error()
    {
        var run = Path.Combine(RealLogs.Diamond, "runinfo", "000");
        var records = RecordLoader.Load(Path.Combine(run, "parsl.jsonlog"), Path.Combine(run, "htex_Local")).Records;
        RuleSet.Load(RealLogs.ParslRules).Apply(records);

        var result = CommonPathReport.Build(records);

        Assert.True(result.Shapes.Count > 1);
        Assert.Equal(17, result.Shapes.Sum(s => s.Entities));
        Assert.Equal(result.Shapes.OrderByDescending(s => s.Entities).Select(s => s.Entities), result.Shapes.Select(s => s.Entities));
        // Task 16 failed once and was retried: its path has the launch step twice.
        var retried = Assert.Single(result.Shapes, s => s.Examples.Any(e => e.EndsWith("parsl_task_id=16", StringComparison.Ordinal)));
        Assert.Equal(1, retried.Entities);
        Assert.Contains(retried.Steps, s => s.Key.StartsWith("Task %s: try %s launched", StringComparison.Ordinal) && s.Occurrence == 2);
        foreach (var shape in result.Shapes)
        {
            Assert.Equal(shape.Steps.OrderBy(s => s.Mean).Select(s => s.Mean), shape.Steps.Select(s => s.Mean));
            var bottleneck = Assert.Single(shape.Steps, s => s.IsBottleneck);
            Assert.Equal(shape.Steps.Max(s => s.Gap), bottleneck.Gap);
            Assert.All(shape.Steps, s => Assert.Equal(shape.Entities, s.Count));
        }
    }

    [Fact]
    public void Statistics_per_step_are_mean_median_and_p95_of_offsets()
    {
        var records = new List<Record>();
        double[] delays = [1, 2, 3, 10];
        for (var i = 0; i < delays.Length; i++)
        {
            records.Add(Make.Record(100 * i, ("task_id", i), ("msg", "start"), ("threadName", "T")));
            records.Add(Make.Record(100 * i + delays[i], ("task_id", i), ("msg", "end"), ("threadName", "T")));
        }

        var shape = Assert.Single(CommonPathReport.Build(records, new CommonPathOptions { EntityKeys = ["task_id"], StepKeys = ["threadName"] }).Shapes);

        Assert.Equal(["start/T", "end/T"], shape.Steps.Select(s => s.Key));
        var end = shape.Steps[1];
        Assert.Equal(4, end.Mean);
        Assert.Equal(2.5, end.Median);
        Assert.Equal(3 + 0.85 * 7, end.P95, 9);
        Assert.Equal(4, end.Gap);
        Assert.True(end.IsBottleneck);
    }
}
