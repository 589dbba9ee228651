using WideEvents.Analyze.Visuals.Plots;
using WideEvents.Analyze.Visuals.Trace;
using WideEvents.Visuals.Tests.Report;
using WideEvents.Visuals.Tests.Trace;

namespace WideEvents.Visuals.Tests.Robustness;

public sealed class EmptyInputTests
{
    private static List<Record> Untimed()
    {
        var r = new Record("rows.db#task");
        r.Set("task_id", 1);
        r.Set("app", "a");
        return [r];
    }

    [Fact]
    public void A_trace_of_no_records_or_untimed_ones_is_still_a_valid_file()
    {
        foreach (var records in new[] { new List<Record>(), Untimed() })
        {
            using var stream = new MemoryStream();
            var summary = ChromeTrace.Write(records, stream);

            new TraceFile(stream.ToArray()).AssertValid();
            Assert.Equal(0, summary.Slices);
        }
    }

    [Fact]
    public void A_report_of_untimed_records_says_so_instead_of_failing()
    {
        var html = HtmlReportTests.Render(Untimed());

        Assert.Contains("no times", html, StringComparison.Ordinal);
        Assert.Contains("<b>1</b>records", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"states\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plot_with_nothing_to_draw_is_refused_with_the_reason()
    {
        var e = Assert.Throws<InvalidOperationException>(() => WideEvents.Analyze.Visuals.Plots.Plots.Build(Untimed(), new PlotOptions { Kind = PlotKind.States }));
        Assert.Contains("no state-change records", e.Message, StringComparison.Ordinal);
    }
}
