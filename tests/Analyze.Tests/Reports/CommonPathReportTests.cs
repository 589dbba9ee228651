using System.Globalization;
using WideEvents.Analyze.Algebra;
using WideEvents.Analyze.Loaders;
using WideEvents.Analyze.Records;
using WideEvents.Analyze.Reports;

namespace WideEvents.Analyze.Tests.Reports;

public class CommonPathReportTests
{
    [Fact]
    public void The_uniform_run_reproduces_the_prototype_findcommon_output()
    {
        // The prototype's getlogs read parsl.jsonlog and the htex executor directory only.
        var run = Path.Combine(RealLogs.Uniform, "runinfo", "000");
        var records = RecordLoader.Load(Path.Combine(run, "parsl.jsonlog"), Path.Combine(run, "htex_Local")).Records;
        var outcome = RuleSet.Load(RealLogs.ParslRules).Apply(records);
        Assert.Empty(outcome.Conflicts);

        var result = CommonPathReport.Build(records);

        var golden = File.ReadAllLines(Path.Combine(RealLogs.Uniform, "prototype-output-findcommon.txt"))[^33..]
            .Select(l => (Mean: double.Parse(l[..l.IndexOf(": ", StringComparison.Ordinal)], CultureInfo.InvariantCulture),
                          Key: l[(l.IndexOf(": ", StringComparison.Ordinal) + 2)..]))
            .ToList();
        var shape = Assert.Single(result.Shapes);
        Assert.Equal(20, shape.Entities);
        Assert.Equal(golden.Select(g => g.Key), shape.Steps.Select(s => s.Key));
        foreach (var (g, s) in golden.Zip(shape.Steps))
        {
            Assert.Equal(g.Mean.ToString("G6", CultureInfo.InvariantCulture), s.Mean.ToString("G6", CultureInfo.InvariantCulture));
        }
        Assert.Equal(660, result.RecordsUsed);
    }
}
