using WideEvents.Analyze.Algebra;
using WideEvents.Analyze.Loaders;
using WideEvents.Analyze.Records;
using WideEvents.Analyze.Reports;

namespace WideEvents.Analyze.Tests.Reports;

public class CommonPathShapesTests
{
    [Fact]
    public void The_diamond_run_gives_one_path_for_its_differing_successful_tasks_and_one_for_the_retried_failure()
    {
        var run = Path.Combine(RealLogs.Diamond, "runinfo", "000");
        var records = RecordLoader.Load(Path.Combine(run, "parsl.jsonlog"), Path.Combine(run, "htex_Local")).Records;
        RuleSet.Load(RealLogs.ParslRules).Apply(records);

        var result = CommonPathReport.Build(records);

        // Apps a, b_left, b_right and c differ by a step or two (dependencies); exact step sets gave 14 shapes.
        Assert.Equal(2, result.Shapes.Count);
        Assert.Equal([16, 1], result.Shapes.Select(s => s.Entities));
        var usual = result.Shapes[0];
        Assert.Equal("exec_done", usual.Outcome);
        Assert.Equal(4, Assert.Single(usual.Steps, s => s.Key.StartsWith("Task %s: submitted for App a,", StringComparison.Ordinal)).Count);
        Assert.Equal(4, Assert.Single(usual.Steps, s => s.Key.StartsWith("Task %s: submitted for App c, waiting on task %s, task %s", StringComparison.Ordinal)).Count);
        Assert.Equal(12, Assert.Single(usual.Steps, s => s.Key.StartsWith("Task %s: has outstanding dependencies", StringComparison.Ordinal) && s.Occurrence == 1).Count);
        Assert.Equal(16, Assert.Single(usual.Steps, s => s.Key.StartsWith("HTEX task %s: received executor task", StringComparison.Ordinal)).Count);
        // Task 16 failed once and was retried: its own shape, with the launch step twice.
        var retried = result.Shapes[1];
        Assert.Equal("failed after retry", retried.Outcome);
        Assert.EndsWith("parsl_task_id=16", Assert.Single(retried.Examples), StringComparison.Ordinal);
        Assert.Contains(retried.Steps, s => s.Key.StartsWith("Task %s: try %s launched", StringComparison.Ordinal) && s.Occurrence == 2);
        foreach (var shape in result.Shapes)
        {
            Assert.Equal(shape.Steps.OrderBy(s => s.Mean).Select(s => s.Mean), shape.Steps.Select(s => s.Mean));
            var bottleneck = Assert.Single(shape.Steps, s => s.IsBottleneck);
            Assert.Equal(shape.Steps.Max(s => s.Gap), bottleneck.Gap);
            Assert.All(shape.Steps, s => Assert.InRange(s.Count, 1, shape.Entities));
        }
    }

    [Fact]
    public void The_nf_core_run_gives_at_most_18_shapes_with_failures_on_their_own_and_no_addresses_in_steps()
    {
        var records = RecordLoader.Load(RealLogs.NfCore).Records;
        RuleSet.Load(RealLogs.ParslRules).Apply(records);

        var result = CommonPathReport.Build(records);

        Assert.Equal(54, result.Shapes.Sum(s => s.Entities));
        Assert.InRange(result.Shapes.Count, 2, 18);
        Assert.Equal(4, Assert.Single(result.Shapes, s => s.Outcome == "failed").Entities);
        Assert.Equal(3, Assert.Single(result.Shapes, s => s.Outcome == "dep_fail").Entities);
        Assert.Equal(1, Assert.Single(result.Shapes, s => s.Outcome == "pending").Entities);
        Assert.All(result.Shapes.SelectMany(s => s.Steps), s => Assert.DoesNotContain("0x", s.Key, StringComparison.Ordinal));
        Assert.Contains(result.Shapes.SelectMany(s => s.Steps), s => s.Key.Contains("<AppFuture at %x state=pending>", StringComparison.Ordinal));
    }

    [Fact]
    public void Span_records_are_steps_named_by_their_span_and_numbers_and_quotes_in_text_are_placeholders()
    {
        var records = new List<Record>();
        for (var i = 0; i < 3; i++)
        {
            records.Add(Make.Record(10 * i, ("task_id", i), ("@mt", "Span {span_name} {span_event}"), ("span_name", "decode"), ("span_event", "start"), ("component", "c")));
            records.Add(Make.Record(10 * i + 1, ("task_id", i), ("@mt", "Span {span_name} {span_event}"), ("span_name", "decode"), ("span_event", "end"), ("component", "c")));
            records.Add(Make.Record(10 * i + 2, ("task_id", i), ("@mt", $"waiting on task {i + 40} at 0x7fffc01aa2b{i} for '{i}x'"), ("component", "c")));
        }

        var shape = Assert.Single(CommonPathReport.Build(records).Shapes);

        Assert.Equal(["decode: start/c", "decode: end/c", "waiting on task %s at %x for %q/c"], shape.Steps.Select(s => s.Key));
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
