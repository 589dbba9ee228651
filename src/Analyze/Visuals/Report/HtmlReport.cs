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
/// their flows. Charts are inline SVG and the style is inline; the page fetches nothing. The HTML
/// is the embedded template <c>HtmlReport.html</c> (see <see cref="ReportTemplate"/>); this class
/// only fills it in.
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
        var body = ReportTemplate.Join(
        [
            Summary(records, histories, timed.Count, origin, end),
            CommonPath(records, options),
            StateCharts(records, origin, end, options),
            Metrics(records, origin, end, options),
            Slowest(records, histories, origin, options),
        ]);
        var page = ReportTemplate.Fill("page",
            ("title", options.Title),
            ("subtitle", options.Subtitle is null ? Html.Empty : ReportTemplate.Fill("subtitle", ("text", options.Subtitle))),
            ("body", body));
        output.Write(page.Text);
        output.Write('\n');
        output.Flush();
    }

    /// <summary>Writes the report as UTF-8 to <paramref name="output"/> (left open).</summary>
    public static void Write(IReadOnlyList<Record> records, Stream output, HtmlReportOptions? options = null)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(false), 65536, leaveOpen: true);
        Write(records, writer, options);
    }

    private static Html Summary(IReadOnlyList<Record> records, IReadOnlyList<EntityStateHistory> histories, int timedCount, double origin, double end)
    {
        var sources = records.Select(r => r.Source).Distinct(StringComparer.Ordinal).Count();
        var processes = records.Select(ProcessIdentity.Key).Where(k => !k.StartsWith("file:", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).Count();
        var cards = ReportTemplate.Join(new (string Label, string Value)[]
        {
            ("records", records.Count.ToString("N0", CultureInfo.InvariantCulture)),
            ("sources", N(sources)),
            ("processes", N(processes)),
            ("entities", N(histories.Count)),
            ("time span", timedCount > 0 ? S(end - origin, "0.###") + " s" : "no times"),
        }.Select(c => ReportTemplate.Fill("card", ("label", c.Label), ("value", c.Value))));
        var notes = new List<Html>();
        if (timedCount > 0)
        {
            notes.Add(ReportTemplate.Fill("time-span", ("from", Utc(origin)), ("to", Utc(end)), ("untimed", N(records.Count - timedCount))));
        }
        if (histories.Count > 0)
        {
            // The lifecycle says which states are failures: no system's state names here.
            var failed = histories.Count(h => h.Intervals[^1].IsFailure && h.Intervals[^1].IsFinal);
            var byState = histories.GroupBy(h => h.FinalState).OrderByDescending(g => g.Count()).Select(g => $"{N(g.Count())} {g.Key}");
            notes.Add(ReportTemplate.Fill("final-states",
                ("states", string.Join(", ", byState)),
                ("failed", failed > 0 ? ReportTemplate.Fill("failed-count", ("count", N(failed))) : Html.Empty)));
        }
        return ReportTemplate.Fill("summary", ("cards", cards), ("notes", ReportTemplate.Join(notes)));
    }

    private static Html CommonPath(IReadOnlyList<Record> records, HtmlReportOptions options)
    {
        var result = CommonPathReport.Build(records);
        if (result.Shapes.Count == 0)
        {
            return ReportTemplate.Fill("common", ("content", ReportTemplate.Fill("common-none")));
        }
        var parts = new List<Html>
        {
            ReportTemplate.Fill("common-note", ("keys", string.Join(", ", result.EntityKeys)), ("shapes", ShapesShown(result.Shapes.Count, options.MaxShapes))),
        };
        foreach (var (shape, index) in result.Shapes.Take(options.MaxShapes).Select((s, i) => (s, i)))
        {
            var rows = shape.Steps.Select((s, i) => ReportTemplate.Fill("step",
                ("class", new Html(s.IsBottleneck ? " class=\"bottleneck\"" : "")),
                ("number", N(i + 1)),
                ("step", s.Occurrence > 1 ? $"{s.Key} (#{N(s.Occurrence)})" : s.Key),
                ("marker", s.IsBottleneck ? " — bottleneck" : ""),
                ("count", N(s.Count)),
                ("mean", S(s.Mean, "0.######")),
                ("median", S(s.Median, "0.######")),
                ("p95", S(s.P95, "0.######")),
                ("gap", S(s.Gap, "0.######"))));
            var html = ReportTemplate.Fill("shape", ("chart", new Html(Charts.CommonPath(shape))), ("rows", ReportTemplate.Join(rows)));
            // The most common shape is open; the others fold away.
            parts.Add(index == 0 ? html : ReportTemplate.Fill("other-shape",
                ("number", N(index + 1)), ("entities", N(shape.Entities)), ("steps", N(shape.Steps.Count)), ("example", shape.Examples[0]), ("shape", html)));
        }
        return ReportTemplate.Fill("common", ("content", ReportTemplate.Join(parts)));
    }

    private static Html StateCharts(IReadOnlyList<Record> records, double origin, double end, HtmlReportOptions options)
    {
        var timelines = StateReport.Build(records, options.Lifecycles);
        if (timelines.Count == 0)
        {
            return Html.Empty;
        }
        var charts = timelines.SelectMany(t => new[]
        {
            new Html(Charts.States(t, origin, end).Svg),
            t.IgnoredEvents > 0 ? ReportTemplate.Fill("ignored-note", ("count", N(t.IgnoredEvents))) : Html.Empty,
        });
        return ReportTemplate.Fill("states", ("charts", ReportTemplate.Join(charts)));
    }

    private static Html Metrics(IReadOnlyList<Record> records, double origin, double end, HtmlReportOptions options)
    {
        var names = Charts.MetricNames(records);
        if (names.Count == 0)
        {
            return Html.Empty;
        }
        var charts = names.Take(options.MaxMetrics)
            .Select(name => (name, series: MetricReport.Build(records, name)))
            .Where(m => m.series.Count > 0)
            .Select(m => new Html(Charts.Metric(m.name, m.series, origin, end).Svg));
        var more = names.Count > options.MaxMetrics
            ? ReportTemplate.Fill("more-metrics", ("count", N(names.Count - options.MaxMetrics)), ("names", string.Join(", ", names.Skip(options.MaxMetrics))))
            : Html.Empty;
        return ReportTemplate.Fill("metrics", ("charts", ReportTemplate.Join(charts)), ("more", more));
    }

    private static Html Slowest(IReadOnlyList<Record> records, IReadOnlyList<EntityStateHistory> histories, double origin, HtmlReportOptions options)
    {
        if (histories.Count == 0)
        {
            return Html.Empty;
        }
        var slowest = histories.OrderByDescending(h => h.Duration).Take(options.SlowestEntities).ToList();
        var rows = slowest.Select(h => ReportTemplate.Fill("slow-entity",
            ("label", h.Label),
            ("name", h.ShortLabel),
            ("start", S(h.Start - origin, "0.###")),
            ("duration", S(h.Duration, "0.###")),
            ("state", h.FinalState + (h.Intervals[^1].IsOpen ? " (still in state)" : "")),
            ("states", string.Join(", ", h.Intervals.GroupBy(i => i.State).Select(g => $"{g.Key} {S(g.Sum(i => i.Duration), "0.###")}")))));
        var flows = slowest.Where(h => h.Keys.Count > 0).Select(h =>
        {
            var spec = new EntitySpec(h.Keys.Select(k => new KeyValuePair<string, Value>(k.Key, Value.From(k.Value))).ToList());
            var flow = FlowReport.Build(records, spec);
            var lines = flow.Take(options.MaxFlowLines).Select(line => ReportTemplate.Fill("flow-line",
                ("offset", double.IsNaN(line.Offset) ? "" : S(line.Offset, "0.######")),
                ("source", line.Source),
                ("process", line.Process ?? ""),
                ("thread", line.Thread ?? ""),
                ("message", Cut(line.Message ?? ""))));
            var more = flow.Count > options.MaxFlowLines ? ReportTemplate.Fill("flow-more", ("count", N(flow.Count - options.MaxFlowLines))) : Html.Empty;
            return ReportTemplate.Fill("flow", ("name", h.ShortLabel), ("count", N(flow.Count)), ("rows", ReportTemplate.Join([.. lines, more])));
        });
        return ReportTemplate.Fill("slowest", ("rows", ReportTemplate.Join(rows)), ("flows", ReportTemplate.Join(flows)));
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string S(double seconds, string format) => seconds.ToString(format, CultureInfo.InvariantCulture);

    private static string Cut(string s) => s.Length > 300 ? s[..300] + "…" : s;

    private static string Utc(double epoch) => DateTime.UnixEpoch.AddSeconds(epoch).ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);

    // The count and what is shown agree: "4 shapes" above three charts read as a shape gone missing.
    private static string ShapesShown(int shapes, int max) =>
        shapes <= max ? $"{N(shapes)} {(shapes == 1 ? "shape" : "shapes")}" : $"{N(shapes)} shapes, the {N(max)} most common shown";
}
