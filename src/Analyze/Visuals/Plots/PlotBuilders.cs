using ScottPlot;
using ScottPlot.Plottables;
using WideEvents.Analyze.Records;
using WideEvents.Analyze.Reports;
using WideEvents.Analyze.Visuals.States;
using WideEvents.Analyze.Visuals.Svg;
using Palette = WideEvents.Analyze.Visuals.Svg.Palette;

namespace WideEvents.Analyze.Visuals.Plots;

/// <summary>The ScottPlot figures; x is always seconds since the first timed record.</summary>
internal static class PlotBuilders
{
    public static (Plot, int, string) States(IReadOnlyList<Record> records)
    {
        var timelines = StateReport.Build(records);
        if (timelines.Count == 0)
        {
            throw new InvalidOperationException("no state-change records found");
        }
        var origin = Origin(records);
        var plot = new Plot();
        var series = 0;
        foreach (var t in timelines)
        {
            foreach (var (xs, ys, state) in StateSteps(t, origin))
            {
                var line = plot.Add.Scatter(xs, ys, Color.FromHex(Palette.At(series)));
                line.ConnectStyle = ConnectStyle.StepHorizontal;
                line.MarkerSize = 0;
                line.LineWidth = 2;
                line.LegendText = timelines.Count > 1 ? $"{t.Name}: {state}" : state;
                series++;
            }
        }
        Finish(plot, timelines.Count == 1 ? $"{timelines[0].Name}s in each state ({timelines[0].Entities} entities)" : "entities in each state", "seconds since start", "entities");
        // Counts and seconds since the start are never negative: the axes start at 0, not at
        // ScottPlot's margin below it (an axis from -1 reads as entities in debt).
        var top = timelines.SelectMany(t => t.Points).SelectMany(p => p.Counts).DefaultIfEmpty(0).Max();
        var end = timelines.SelectMany(t => t.Points).Select(p => p.Time - origin).DefaultIfEmpty(0).Max();
        plot.Axes.SetLimits(0, Math.Max(end, 1e-3) * 1.02, 0, Math.Max(top, 1) * 1.08);
        return (plot, series, $"{series} state series from {timelines.Sum(t => t.Entities)} entities");
    }

    /// <summary>Each occupied state's exact step function: one point per change, and a last point at the data's end.</summary>
    internal static IEnumerable<(double[] Xs, double[] Ys, string State)> StateSteps(StateTimeline t, double origin)
    {
        if (t.Points.Count == 0)
        {
            yield break;
        }
        for (var s = 0; s < t.States.Count; s++)
        {
            if (t.Points.All(p => p.Counts[s] == 0))
            {
                continue;
            }
            yield return (t.Points.Select(p => p.Time - origin).ToArray(), t.Points.Select(p => (double)p.Counts[s]).ToArray(), t.States[s]);
        }
    }

    public static (Plot, int, string) Metric(IReadOnlyList<Record> records, string name)
    {
        var series = MetricReport.Build(records, name);
        if (series.Count == 0)
        {
            throw new InvalidOperationException($"no record has metric '{name}' or a numeric key '{name}'");
        }
        var origin = Origin(records);
        var plot = new Plot();
        for (var i = 0; i < series.Count; i++)
        {
            var s = series[i];
            var line = plot.Add.Scatter(s.Samples.Select(p => p.Time - origin).ToArray(), s.Samples.Select(p => p.Value).ToArray(), Color.FromHex(Palette.At(i)));
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.MarkerSize = s.Samples.Count < 50 ? 4 : 0;
            line.LegendText = s.Name;
        }
        Finish(plot, name, "seconds since start", "value");
        return (plot, series.Count, $"{series.Count} series, {series.Sum(s => s.Samples.Count)} samples");
    }

    public static (Plot, int, string) Timelines(IReadOnlyList<Record> records, string colorBy)
    {
        var rows = TimelineRows.Build(records, colorBy);
        if (rows.Count == 0)
        {
            throw new InvalidOperationException("no entity reached a running state");
        }
        var origin = Origin(records);
        var groups = rows.Select(r => r.Group).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var plot = new Plot();
        for (var g = 0; g < groups.Count; g++)
        {
            var color = Color.FromHex(Palette.At(g));
            var bars = rows.Select((r, i) => (r, i)).Where(x => x.r.Group == groups[g])
                .Select(x => new Bar { Position = x.i, ValueBase = x.r.Start - origin, Value = x.r.End - origin, FillColor = color, LineWidth = 0, Size = 0.8 })
                .ToList();
            var barPlot = plot.Add.Bars(bars);
            barPlot.Horizontal = true;
            barPlot.LegendText = $"{colorBy} = {groups[g]}";
        }
        if (rows.Count <= 60)
        {
            plot.Axes.Left.SetTicks(Enumerable.Range(0, rows.Count).Select(i => (double)i).ToArray(), rows.Select(r => r.Label).ToArray());
        }
        plot.Axes.Left.Label.Text = "entity (in order of starting to run)";
        Finish(plot, $"running to done, {rows.Count} entities, coloured by {colorBy}", "seconds since start", null);
        plot.Axes.InvertY();
        return (plot, groups.Count, $"{rows.Count} bars in {groups.Count} colours");
    }

    public static (Plot, int, string) Common(IReadOnlyList<Record> records)
    {
        var result = CommonPathReport.Build(records);
        if (result.Shapes.Count == 0)
        {
            throw new InvalidOperationException("no entity has timed, templated records");
        }
        var shape = result.Shapes[0];
        var steps = shape.Steps.Take(40).ToList();
        var plot = new Plot();
        var normal = new List<Bar>();
        var slow = new List<Bar>();
        for (var i = 0; i < steps.Count; i++)
        {
            var s = steps[i];
            var bar = new Bar { Position = i, ValueBase = s.Mean - s.Gap, Value = s.Mean, LineWidth = 0, Size = 0.8, FillColor = Color.FromHex(s.IsBottleneck ? "#e15759" : "#4e79a7") };
            (s.IsBottleneck ? slow : normal).Add(bar);
        }
        foreach (var (bars, label) in new[] { (normal, "step (from previous step's mean offset)"), (slow, "bottleneck (largest gap)") })
        {
            if (bars.Count > 0)
            {
                var barPlot = plot.Add.Bars(bars);
                barPlot.Horizontal = true;
                barPlot.LegendText = label;
            }
        }
        var p95 = plot.Add.Scatter(steps.Select(s => s.P95).ToArray(), steps.Select((_, i) => (double)i).ToArray(), Color.FromHex("#59a14f"));
        p95.LineWidth = 0;
        p95.MarkerSize = 5;
        p95.LegendText = "p95 offset";
        plot.Axes.Left.SetTicks(Enumerable.Range(0, steps.Count).Select(i => (double)i).ToArray(), steps.Select(s => s.Key.Length > 60 ? s.Key[..59] + "…" : s.Key).ToArray());
        Finish(plot, $"common path of {shape.Entities} entities ({result.Shapes.Count} shapes; the most common)", "seconds since the entity's first event", null);
        plot.Axes.InvertY();
        return (plot, normal.Count > 0 && slow.Count > 0 ? 3 : 2, $"{steps.Count} steps, bottleneck: {steps.FirstOrDefault(s => s.IsBottleneck)?.Key ?? "none"}");
    }

    public static (Plot, int, string) Histogram(IReadOnlyList<Record> records, int bins)
    {
        var histories = EntityStates.Build(records);
        var byState = histories.SelectMany(h => h.Intervals.Where(i => !i.IsFinal && !i.IsOpen))
            .GroupBy(i => i.State, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(i => i.Duration).ToList(), StringComparer.Ordinal);
        if (byState.Count == 0)
        {
            throw new InvalidOperationException("no entity left a state");
        }
        var all = byState.Values.SelectMany(v => v).ToList();
        var max = Math.Max(all.Max(), 1e-9);
        // Bins of a round width (1, 2 or 5 times a power of ten) from 0, as many as the data
        // supports (Sturges: log2 n + 1) up to the option, so their edges are readable numbers.
        var wanted = Math.Clamp((int)Math.Ceiling(Math.Log2(all.Count)) + 1, 1, bins);
        var width = NiceWidth(max / wanted);
        var count = Math.Max(1, (int)Math.Floor(max / width) + 1);
        var plot = new Plot();
        var index = 0;
        var tallest = 0.0;
        foreach (var (state, durations) in byState.OrderByDescending(kv => kv.Value.Sum()))
        {
            var counts = new double[count];
            foreach (var d in durations)
            {
                counts[Math.Min(count - 1, (int)(d / width))]++;
            }
            tallest = Math.Max(tallest, counts.Max());
            var color = Color.FromHex(Palette.At(index++)).WithAlpha(0.55);
            var bars = counts.Select((c, b) => new Bar { Position = (b + 0.5) * width, Value = c, Size = width, FillColor = color, LineWidth = 0 }).Where(b => b.Value > 0).ToList();
            var barPlot = plot.Add.Bars(bars);
            barPlot.LegendText = $"{state} ({durations.Count}, mean {SvgBars.Seconds(durations.Average())})";
        }
        Finish(plot, "time spent in each state", $"seconds in the state (bins of {width:G3} s)", "intervals");
        plot.Axes.SetLimits(0, count * width, 0, Math.Max(tallest, 1) * 1.08);
        return (plot, byState.Count, $"{byState.Count} states, {byState.Values.Sum(v => v.Count)} intervals, bins of {width:G3} s");
    }

    /// <summary>The smallest of 1, 2, 5 × 10^k that is at least <paramref name="raw"/>.</summary>
    internal static double NiceWidth(double raw)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        foreach (var step in new[] { 1.0, 2, 5, 10 })
        {
            if (step * power >= raw * (1 - 1e-12))
            {
                return step * power;
            }
        }
        return 10 * power;
    }

    private static double Origin(IReadOnlyList<Record> records) =>
        records.Where(r => !double.IsNaN(r.Time)).Select(r => r.Time).DefaultIfEmpty(0).Min();

    private static void Finish(Plot plot, string title, string xLabel, string? yLabel)
    {
        plot.Title(title);
        plot.XLabel(xLabel);
        if (yLabel is not null)
        {
            plot.YLabel(yLabel);
        }
        plot.ShowLegend(Alignment.UpperRight);
    }
}
