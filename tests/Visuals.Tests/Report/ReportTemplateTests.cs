using WideEvents.Analyze.Visuals.Report;

namespace WideEvents.Visuals.Tests.Report;

public sealed class ReportTemplateTests
{
    [Fact]
    public void A_fragment_encodes_text_and_keeps_html()
    {
        var card = ReportTemplate.Fill("card", ("label", "a<b & c"), ("value", "1"));
        var note = ReportTemplate.Fill("summary", ("cards", card), ("notes", Html.Empty));

        Assert.Equal("<div class=\"card\"><b>1</b>a&lt;b &amp; c</div>", card.Text);
        Assert.Contains(card.Text, note.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_or_unknown_value_is_a_template_bug_and_throws()
    {
        Assert.Contains("needs 'value'", Assert.Throws<InvalidOperationException>(() => ReportTemplate.Fill("card", ("label", "x"))).Message, StringComparison.Ordinal);
        Assert.Contains("has no 'colour'", Assert.Throws<InvalidOperationException>(() => ReportTemplate.Fill("card", ("label", "x"), ("value", "1"), ("colour", "red"))).Message, StringComparison.Ordinal);
        Assert.Contains("must be HTML", Assert.Throws<InvalidOperationException>(() => ReportTemplate.Fill("summary", ("cards", "<b>"), ("notes", Html.Empty))).Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => ReportTemplate.Fill("no-such-fragment"));
    }

    [Fact]
    public void The_report_encodes_what_comes_from_the_records_and_the_options()
    {
        var records = TestData.Synthetic();
        records.Add(TestData.Make(0.7, "100", "submit", ("parsl_dfk", "d1"), ("parsl_task_id", "1"), ("message", "<img src=x onerror=alert(1)>")));
        var writer = new StringWriter();

        HtmlReport.Write(records, writer, new HtmlReportOptions { Title = "<script>alert(1)</script>", Subtitle = "a & b" });

        var html = writer.ToString();
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.Contains("<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"sub\">a &amp; b</p>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.EndsWith("</body></html>\n", html, StringComparison.Ordinal);
    }
}
