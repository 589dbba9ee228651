using WideEvents.Analyze.Algebra;
using WideEvents.Analyze.Loaders;
using WideEvents.Analyze.Visuals.Report;
using WideEvents.Analyze.Visuals.States;

namespace WideEvents.Visuals.Tests.Report;

public sealed class FailureStatesTests
{
    [Fact]
    public void The_report_counts_the_failures_the_lifecycle_names_on_the_nf_core_run()
    {
        var records = RecordLoader.Load(Path.Combine(TestData.RepoRoot, "tests", "data", "real-logs", "nf-core-cellpainting-htex-parsl-2025.05.12")).Records;
        RuleSet.Load(TestData.ParslRules).Apply(records);
        var output = new StringWriter();

        HtmlReport.Write(records, output);

        // 4 failed (WorkerLost) and 3 dep_fail, from the Parsl lifecycle file's "failures".
        Assert.Contains("<b>7 failed</b>", output.ToString(), StringComparison.Ordinal);
        var ended = EntityStates.Build(records).Where(h => h.Intervals[^1].IsFailure).Select(h => h.FinalState).Order(StringComparer.Ordinal);
        Assert.Equal(["dep_fail", "dep_fail", "dep_fail", "failed", "failed", "failed", "failed"], ended);
    }
}
