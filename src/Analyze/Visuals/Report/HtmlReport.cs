using System.Globalization;
using System.Text;
using WideEvents.Analyze.Records;
using WideEvents.Analyze.Reports;
using WideEvents.Analyze.Visuals.States;
using WideEvents.Analyze.Visuals.Svg;

namespace WideEvents.Analyze.Visuals.Report;

/// <summary>
/// One self-contained HTML page about a set of records: a summary, the common path with its
/// bottleneck, entities in each state over time, metric charts, and the slowest entities with
/// their flows. Charts are inline SVG and the style is inline; the page fetches nothing.
/// </summary>
public static class HtmlReport
{
    /// <summary>Writes the report of <paramref name="records"/> to <paramref name="output"/>.</summary>
    public static void Write(IReadOnlyList<Record> records, TextWriter output, HtmlReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(output);
        options ??= new HtmlReportOptions();
        var timed = records.Where(r => !double.IsNaN(r.Time)).Select(r => r.Time).ToList();
        var origin = timed.Count > 0 ? timed.Min() : 0;
        var end = timed.Count > 0 ? timed.Max() : 0;
        var histories = EntityStates.Build(records, null, options.Lifecycles);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Append(CultureInfo.InvariantCulture, $"<title>{E(options.Title)}</title><style>{ReportStyle.Css}</style></head><body>");
        html.Append(CultureInfo.InvariantCulture, $"<h1>{E(options.Title)}</h1>");
        if (options.Subtitle is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"sub\">{E(options.Subtitle)}</p>");
        }
        Summary(html, records, histories, timed.Count, origin, end);
        CommonPath(html, records, options);
        StateCharts(html, records, origin, end, options);
        Metrics(html, records, origin, end, options);
        Slowest(html, records, histories, origin, options);
        html.Append("</body></html>\n");
        output.Write(html.ToString());
        output.Flush();
    }

    /// <summary>Writes the report as UTF-8 to <paramref name="output"/> (left open).</summary>
    public static void Write(IReadOnlyList<Record> records, Stream output, HtmlReportOptions? options = null)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(false), 65536, leaveOpen: true);
        Write(records, writer, options);
    }

    private static void Summary(StringBuilder html, IReadOnlyList<Record> records, IReadOnlyList<EntityStateHistory> histories, int timedCount, double origin, double end)
    {
        var sources = records.Select(r => r.Source).Distinct(StringComparer.Ordinal).Count();
        var processes = records.Select(ProcessIdentity.Key).Where(k => !k.StartsWith("file:", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).Count();
        html.Append("<h2 id=\"summary\">Summary</h2><div class=\"cards\">");
        Card(html, "records", records.Count.ToString("N0", CultureInfo.InvariantCulture));
        Card(html, "sources", sources.ToString(CultureInfo.InvariantCulture));
        Card(html, "processes", processes.ToString(CultureInfo.InvariantCulture));
        Card(html, "entities", histories.Count.ToString(CultureInfo.InvariantCulture));
        Card(html, "time span", timedCount > 0 ? $"{end - origin:0.###} s" : "no times");
        html.Append("</div>");
        if (timedCount > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">from {Utc(origin)} to {Utc(end)} (UTC); {records.Count - timedCount} records without a time. Times below are seconds since the start.</p>");
        }
        // The lifecycle says which states are failures: no system's state names here.
        var failed = histories.Count(h => h.Intervals[^1].IsFailure && h.Intervals[^1].IsFinal);
        if (histories.Count > 0)
        {
            var byState = histories.GroupBy(h => h.FinalState).OrderByDescending(g => g.Count()).Select(g => $"{g.Count()} {E(g.Key)}");
            html.Append(CultureInfo.InvariantCulture, $"<p>Final states: {string.Join(", ", byState)}{(failed > 0 ? $" — <b>{failed} failed</b>" : "")}.</p>");
        }
    }

    private static void CommonPath(StringBuilder html, IReadOnlyList<Record> records, HtmlReportOptions options)
    {
        html.Append("<h2 id=\"common\">Common path</h2>");
        var result = CommonPathReport.Build(records);
        if (result.Shapes.Count == 0)
        {
            html.Append("<p class=\"note\">No entity has timed, templated records.</p>");
            return;
        }
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">Entities by {E(string.Join(", ", result.EntityKeys))}; {ShapesShown(result.Shapes.Count, options.MaxShapes)}. The largest gap between two steps, the wait before the marked step, is the likely bottleneck.</p>");
        foreach (var (shape, index) in result.Shapes.Take(options.MaxShapes).Select((s, i) => (s, i)))
        {
            if (index > 0)
            {
                html.Append(CultureInfo.InvariantCulture, $"<details><summary>shape {index + 1}: {shape.Entities} entities, {shape.Steps.Count} steps, e.g. {E(shape.Examples[0])}</summary>");
            }
            html.Append(Charts.CommonPath(shape));
            html.Append("<details><summary>steps</summary><table><tr><th>#</th><th>step</th><th class=\"num\">count</th><th class=\"num\">mean s</th><th class=\"num\">median s</th><th class=\"num\">p95 s</th><th class=\"num\">gap s</th></tr>");
            var i = 0;
            foreach (var s in shape.Steps)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr{(s.IsBottleneck ? " class=\"bottleneck\"" : "")}><td>{++i}</td><td>{E(s.Key)}{(s.Occurrence > 1 ? $" (#{s.Occurrence})" : "")}{(s.IsBottleneck ? " — bottleneck" : "")}</td><td class=\"num\">{s.Count}</td><td class=\"num\">{s.Mean:0.######}</td><td class=\"num\">{s.Median:0.######}</td><td class=\"num\">{s.P95:0.######}</td><td class=\"num\">{s.Gap:0.######}</td></tr>");
            }
            html.Append("</table></details>");
            if (index > 0)
            {
                html.Append("</details>");
            }
        }
    }

    private static void StateCharts(StringBuilder html, IReadOnlyList<Record> records, double origin, double end, HtmlReportOptions options)
    {
        var timelines = StateReport.Build(records, options.Lifecycles);
        if (timelines.Count == 0)
        {
            return;
        }
        html.Append("<h2 id=\"states\">Entities in each state</h2>");
        foreach (var t in timelines)
        {
            html.Append(Charts.States(t, origin, end).Svg);
            if (t.IgnoredEvents > 0)
            {
                html.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">{t.IgnoredEvents} duplicate or late state records ignored (lifecycle order).</p>");
            }
        }
    }

    private static void Metrics(StringBuilder html, IReadOnlyList<Record> records, double origin, double end, HtmlReportOptions options)
    {
        var names = Charts.MetricNames(records);
        if (names.Count == 0)
        {
            return;
        }
        html.Append("<h2 id=\"metrics\">Metrics</h2>");
        foreach (var name in names.Take(options.MaxMetrics))
        {
            var series = MetricReport.Build(records, name);
            if (series.Count > 0)
            {
                html.Append(Charts.Metric(name, series, origin, end).Svg);
            }
        }
        if (names.Count > options.MaxMetrics)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">{names.Count - options.MaxMetrics} more metrics: {E(string.Join(", ", names.Skip(options.MaxMetrics)))}</p>");
        }
    }

    private static void Slowest(StringBuilder html, IReadOnlyList<Record> records, IReadOnlyList<EntityStateHistory> histories, double origin, HtmlReportOptions options)
    {
        if (histories.Count == 0)
        {
            return;
        }
        html.Append("<h2 id=\"slowest\">Slowest entities</h2><table><tr><th>entity</th><th class=\"num\">start s</th><th class=\"num\">duration s</th><th>final state</th><th>time in each state</th></tr>");
        var slowest = histories.OrderByDescending(h => h.Duration).Take(options.SlowestEntities).ToList();
        foreach (var h in slowest)
        {
            var states = string.Join(", ", h.Intervals.GroupBy(i => i.State).Select(g => $"{E(g.Key)} {g.Sum(i => i.Duration):0.###}"));
            html.Append(CultureInfo.InvariantCulture, $"<tr><td title=\"{E(h.Label)}\">{E(h.ShortLabel)}</td><td class=\"num\">{h.Start - origin:0.###}</td><td class=\"num\">{h.Duration:0.###}</td><td>{E(h.FinalState)}{(h.Intervals[^1].IsOpen ? " (still in state)" : "")}</td><td>{states}</td></tr>");
        }
        html.Append("</table>");
        foreach (var h in slowest.Where(h => h.Keys.Count > 0))
        {
            var spec = new EntitySpec(h.Keys.Select(k => new KeyValuePair<string, Value>(k.Key, Value.From(k.Value))).ToList());
            var flow = FlowReport.Build(records, spec);
            html.Append(CultureInfo.InvariantCulture, $"<details class=\"flow\"><summary>flow of {E(h.ShortLabel)}: {flow.Count} records</summary><table><tr><th class=\"num\">offset s</th><th>source</th><th>process</th><th>thread</th><th>message</th></tr>");
            foreach (var line in flow.Take(options.MaxFlowLines))
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"num\">{(double.IsNaN(line.Offset) ? "" : line.Offset.ToString("0.######", CultureInfo.InvariantCulture))}</td><td>{E(line.Source)}</td><td>{E(line.Process ?? "")}</td><td>{E(line.Thread ?? "")}</td><td>{E(Cut(line.Message ?? ""))}</td></tr>");
            }
            if (flow.Count > options.MaxFlowLines)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td colspan=\"5\" class=\"note\">… {flow.Count - options.MaxFlowLines} more</td></tr>");
            }
            html.Append("</table></details>");
        }
    }

    private static void Card(StringBuilder html, string label, string value) =>
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"card\"><b>{E(value)}</b>{E(label)}</div>");

    private static string Cut(string s) => s.Length > 300 ? s[..300] + "…" : s;

    private static string Utc(double epoch) => DateTime.UnixEpoch.AddSeconds(epoch).ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);

    private static string E(string s) => SvgChart.E(s);

    // The count and what is shown agree: "4 shapes" above three charts read as a shape gone missing.
    private static string ShapesShown(int shapes, int max) =>
        shapes <= max ? $"{shapes} {(shapes == 1 ? "shape" : "shapes")}" : $"{shapes} shapes, the {max} most common shown";
}
