using WideEvents.Analyze.Records;
using WideEvents.Analyze.Reports;

namespace WideEvents.Analyze.Visuals.Svg;

/// <summary>The charts the HTML report and the web UI share, built from the Analyze reports.</summary>
internal static class Charts
{
    /// <summary>Distinct values of <c>metric</c>, most frequent first.</summary>
    public static List<string> MetricNames(IEnumerable<Record> records) =>
        records.Where(r => r.Has("metric") && !r["metric"].IsNull)
            .GroupBy(r => r["metric"].ToString(), StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key).ToList();

    /// <summary>Entities in each state (states that were ever occupied), exact steps, x in seconds from <paramref name="origin"/> to <paramref name="end"/>.</summary>
    public static SvgChart States(StateTimeline timeline, double origin, double end)
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
        return chart;
    }

    /// <summary>A metric's samples as steps (a gauge holds its value until the next sample).</summary>
    public static SvgChart Metric(string name, IReadOnlyList<MetricSeries> series, double origin, double end)
    {
        var chart = new SvgChart(name, "seconds since start", "value") { XRange = (0, Math.Max(end - origin, 1e-6)) };
        foreach (var s in series.Take(10))
        {
            chart.Add(new SvgSeries(s.Name, s.Samples.Select(p => (p.Time - origin, p.Value)).ToList(), Step: true));
        }
        return chart;
    }

    /// <summary>The common path as a latency chart: each step's mean gap from the previous step, the bottleneck in red.</summary>
    public static string CommonPath(CommonShape shape, int maxSteps = 40) =>
        SvgBars.Render($"Common path: {shape.Entities} entities, {shape.Steps.Count} steps (bar = mean time since the previous step)",
            shape.Steps.Take(maxSteps).Select(s => (s.Key, s.Gap, s.IsBottleneck)).ToList());
}
