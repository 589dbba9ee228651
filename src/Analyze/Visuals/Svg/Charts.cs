using WideEvents.Analyze.Records;
using WideEvents.Analyze.Reports;

namespace WideEvents.Analyze.Visuals.Svg;

/// <summary>
/// The server-side SVG charts the HTML report and the web UI share, built from the Analyze
/// reports, so both hosts draw the same facts the same way.
/// </summary>
public static class Charts
{
    /// <summary>Distinct values of <c>metric</c>, most frequent first.</summary>
    /// <param name="records">The records.</param>
    public static List<string> MetricNames(IEnumerable<Record> records) =>
        records.Where(r => r.Has("metric") && !r["metric"].IsNull)
            .GroupBy(r => r["metric"].ToString(), StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key).ToList();

    /// <summary>Entities in each state (states that were ever occupied), exact steps, x in seconds from <paramref name="origin"/> to <paramref name="end"/>.</summary>
    /// <param name="timeline">A lifecycle's step function.</param>
    /// <param name="origin">Epoch seconds at x = 0.</param>
    /// <param name="end">Epoch seconds at the right edge.</param>
    public static ChartImage States(StateTimeline timeline, double origin, double end)
    {
        var chart = new SvgChart($"{timeline.Name}s in each state ({timeline.Entities} entities)", "seconds since start", "entities") { XRange = (0, Math.Max(end - origin, 1e-6)) };
        for (var s = 0; s < timeline.States.Count; s++)
        {
            if (timeline.Points.All(p => p.Counts[s] == 0))
            {
                continue;
            }
            chart.Add(new SvgSeries(timeline.States[s], timeline.Points.Select(p => (p.Time - origin, (double)p.Counts[s])).ToList(), Step: true));
        }
        return new ChartImage(chart.SeriesCount, chart.Render());
    }

    /// <summary>A metric's samples as steps (a gauge holds its value until the next sample).</summary>
    /// <param name="name">The metric, the chart's title.</param>
    /// <param name="series">Its series (the first ten are drawn).</param>
    /// <param name="origin">Epoch seconds at x = 0.</param>
    /// <param name="end">Epoch seconds at the right edge.</param>
    public static ChartImage Metric(string name, IReadOnlyList<MetricSeries> series, double origin, double end)
    {
        var chart = new SvgChart(name, "seconds since start", "value") { XRange = (0, Math.Max(end - origin, 1e-6)) };
        foreach (var s in series.Take(10))
        {
            chart.Add(new SvgSeries(s.Name, s.Samples.Select(p => (p.Time - origin, p.Value)).ToList(), Step: true));
        }
        return new ChartImage(chart.SeriesCount, chart.Render());
    }

    /// <summary>The common path as a latency chart (SVG text): each step's mean gap from the previous step, the bottleneck in red.</summary>
    /// <param name="shape">One shape of a common path.</param>
    /// <param name="maxSteps">Steps drawn at most.</param>
    public static string CommonPath(CommonShape shape, int maxSteps = 40) =>
        SvgBars.Render($"Common path: {shape.Entities} entities, {shape.Steps.Count} steps (bar = mean time since the previous step)",
            shape.Steps.Take(maxSteps).Select(s => (s.Key, s.Gap, s.IsBottleneck)).ToList());
}
