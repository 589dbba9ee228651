using WideEvents.Analyze.Algebra;
using WideEvents.Analyze.Loaders;
using WideEvents.Analyze.Reports;
using WideEvents.Analyze.Visuals.States;

namespace WideEvents.Visuals.Tests.States;

public sealed class OneStateMachineTests
{
    [Theory]
    [InlineData("nf-core-cellpainting-htex-parsl-2025.05.12")]
    [InlineData("parsl-benc-observability-run-diamond")]
    [InlineData("workqueue-generated-debian-cctools")]
    public void The_state_report_the_entity_intervals_and_the_live_fold_end_in_the_same_states(string folder)
    {
        var records = RecordLoader.Load(Path.Combine(TestData.RepoRoot, "tests", "data", "real-logs", folder)).Records;
        RuleSet.Load(TestData.ParslRules).Apply(records);
        var live = new RecordFold();
        // Time order, as a live tail of these files would deliver them.
        foreach (var r in records.Where(r => !double.IsNaN(r.Time)).OrderBy(r => r.Time))
        {
            live.Add(r);
        }

        var report = StateReport.Build(records);
        var histories = EntityStates.Build(records);

        foreach (var timeline in report)
        {
            var end = timeline.States.Select((s, i) => (s, n: timeline.Points[^1].Counts[i])).Where(x => x.n != 0).ToDictionary(x => x.s, x => x.n);
            var fromIntervals = histories.Where(h => h.Lifecycle == timeline.Name).GroupBy(h => h.FinalState).ToDictionary(g => g.Key, g => g.Count());
            var fold = live.Lifecycles.Single(l => l.Lifecycle.Name == timeline.Name);
            var fromFold = fold.Lifecycle.States.Select((s, i) => (s, n: fold.Counts[i])).Where(x => x.n != 0).ToDictionary(x => x.s, x => x.n);
            Assert.Equal(end, fromIntervals);
            Assert.Equal(end, fromFold);
            Assert.Equal(timeline.Entities, fold.Entities);
        }
    }
}
