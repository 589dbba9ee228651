using System.Text.RegularExpressions;
using System.Xml.Linq;
using WideEvents.Analyze.Visuals.Report;
using WideEvents.Cli;

namespace WideEvents.Visuals.Tests.Report;

public sealed partial class HtmlReportTests
{
    [GeneratedRegex("<svg.*?</svg>", RegexOptions.Singleline)]
    private static partial Regex SvgElement();

    internal static string Render(IReadOnlyList<Record> records, HtmlReportOptions? options = null)
    {
        var writer = new StringWriter();
        HtmlReport.Write(records, writer, options);
        return writer.ToString();
    }

    internal static List<XElement> Svgs(string html) => SvgElement().Matches(html).Select(m => XElement.Parse(m.Value)).ToList();

    private static IEnumerable<string> SeriesNames(XElement svg) =>
        svg.Descendants().Where(e => (string?)e.Attribute("class") == "series").Select(e => (string)e.Attribute("data-series")!);

    [Fact]
    public void The_shape_count_says_how_many_shapes_are_shown_when_not_all_are()
    {
        var records = TestData.DiamondRecords();
        var shapes = WideEvents.Analyze.Reports.CommonPathReport.Build(records).Shapes.Count;
        Assert.True(shapes > 1, $"the diamond run has {shapes} shapes");

        var html = Render(records, new HtmlReportOptions { MaxShapes = 1 });
        var all = Render(records, new HtmlReportOptions { MaxShapes = shapes });

        Assert.Contains($"; {shapes} shapes, the 1 most common shown.", html, StringComparison.Ordinal);
        Assert.Empty(Regex.Matches(html, "<summary>shape "));
        Assert.Contains($"; {shapes} shapes. ", all, StringComparison.Ordinal);
        Assert.Equal(shapes - 1, Regex.Matches(all, "<summary>shape ").Count);
    }

    [Fact]
    public void The_diamond_report_has_every_section_and_marks_the_bottleneck()
    {
        var html = Render(TestData.DiamondRecords());

        foreach (var id in new[] { "summary", "common", "states", "metrics", "slowest" })
        {
            Assert.Contains($"id=\"{id}\"", html, StringComparison.Ordinal);
        }
        Assert.Contains("<b>17</b>entities", html, StringComparison.Ordinal);
        Assert.Contains("class=\"bar bottleneck\"", html, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"bottleneck\">", html, StringComparison.Ordinal);
        var svgs = Svgs(html);
        Assert.Contains(svgs, s => s.Value.Contains("pending_task_queue_length", StringComparison.Ordinal) && SeriesNames(s).Any());
        var states = svgs.Single(s => s.Value.StartsWith("parsl tasks in each state", StringComparison.Ordinal));
        Assert.Contains("running", SeriesNames(states));
        Assert.Equal(10, Regex.Matches(html, "<details class=\"flow\">").Count);
    }

    [Fact]
    public void The_report_is_self_contained()
    {
        var html = Render(TestData.DiamondRecords());

        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        var addresses = Regex.Matches(html, "https?://[^\"' <]+").Select(m => m.Value).Distinct();
        Assert.All(addresses, a => Assert.Equal("http://www.w3.org/2000/svg", a));
    }

    [Fact]
    public void The_state_chart_draws_exactly_the_states_entities_were_in()
    {
        var html = Render(TestData.Synthetic());

        var states = Svgs(html).Single(s => s.Value.StartsWith("parsl tasks in each state", StringComparison.Ordinal));
        Assert.Equal(["pending", "launched", "running", "exec_done"], SeriesNames(states));
        Assert.Contains("<b>1</b>entities", html, StringComparison.Ordinal);
        Assert.Contains("Final states: 1 exec_done", html, StringComparison.Ordinal);
        Assert.Contains("flow of parsl_task_id=1: 6 records", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Wide_report_writes_the_page()
    {
        var path = Path.Combine(Path.GetTempPath(), $"wide-report-{Guid.NewGuid():N}.html");
        try
        {
            var code = WideCli.Run(["report", Path.Combine(TestData.Diamond, "runinfo", "000"), "--rules", "parsl", "-o", path, "--title", "diamond"], new StringWriter(), new StringWriter());

            Assert.Equal(0, code);
            var html = File.ReadAllText(path);
            Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
            Assert.Contains("<title>diamond</title>", html, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
