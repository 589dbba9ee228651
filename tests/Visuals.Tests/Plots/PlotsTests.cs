using System.Xml.Linq;
using ScottPlot.Plottables;
using WideEvents.Analyze.Visuals.Plots;
using WideEvents.Cli;

namespace WideEvents.Visuals.Tests.Plots;

public sealed class PlotsTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private readonly string _dir = Directory.CreateTempSubdirectory("wide-plot-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Record State(double offset, string task, string message) =>
        TestData.Make(offset, "100", "submit", ("parsl_dfk", "d1"), ("parsl_task_id", task), ("message", $"Task {task} {message}"));

    private static List<string> SvgTexts(string path) =>
        XDocument.Load(path).Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToList();

    [Theory]
    [InlineData(PlotKind.States, null)]
    [InlineData(PlotKind.Metric, "pending_task_queue_length")]
    [InlineData(PlotKind.Timelines, null)]
    [InlineData(PlotKind.Common, null)]
    [InlineData(PlotKind.Histogram, null)]
    public void Every_kind_draws_a_png_of_the_diamond_run(PlotKind kind, string? metric)
    {
        var path = Path.Combine(_dir, kind + ".png");
        var result = WideEvents.Analyze.Visuals.Plots.Plots.Save(TestData.DiamondRecords(), new PlotOptions { Kind = kind, Metric = metric }, path);

        Assert.True(result.Series > 0);
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 5000, $"{bytes.Length} bytes");
        Assert.Equal(PngSignature, bytes[..8]);
    }

    [Fact]
    public void A_state_svg_is_xml_with_one_legend_entry_per_occupied_state()
    {
        var path = Path.Combine(_dir, "states.svg");
        var result = WideEvents.Analyze.Visuals.Plots.Plots.Save(TestData.Synthetic(), new PlotOptions { Kind = PlotKind.States }, path);

        Assert.Equal(4, result.Series);
        var texts = SvgTexts(path);
        Assert.All(new[] { "pending", "launched", "running", "exec_done" }, s => Assert.Single(texts, t => t == s));
        Assert.DoesNotContain("failed", texts);
        Assert.DoesNotContain("running_ended", texts);
    }

    [Fact]
    public void State_steps_are_exact_counts_at_each_change()
    {
        // Task 1: pending 0-2, running 2-5, done 5. Task 2: pending 1-2, running 2-3, done 3.
        List<Record> records =
        [
            State(0, "1", "initializing state to pending"),
            State(1, "2", "initializing state to pending"),
            State(2, "1", "changing state from pending to running"),
            State(2, "2", "changing state from pending to running"),
            State(3, "2", "changing state from running to exec_done"),
            State(5, "1", "changing state from running to exec_done"),
        ];

        var (plot, series, _) = WideEvents.Analyze.Visuals.Plots.Plots.Build(records, new PlotOptions { Kind = PlotKind.States });

        Assert.Equal(3, series);
        var lines = plot.GetPlottables<Scatter>().ToDictionary(s => s.LegendText, s => s);
        Assert.All(lines.Values, s => Assert.Equal(ScottPlot.ConnectStyle.StepHorizontal, s.ConnectStyle));
        double[] times = [0, 1, 2, 3, 5];
        Assert.Equal(times.Zip([1.0, 2, 0, 0, 0]), Points(lines["pending"]));
        Assert.Equal(times.Zip([0.0, 0, 2, 1, 0]), Points(lines["running"]));
        Assert.Equal(times.Zip([0.0, 0, 0, 1, 2]), Points(lines["exec_done"]));
    }

    private static List<double> Numbers(IEnumerable<string> texts) =>
        texts.Select(t => double.TryParse(t.Replace('\u2212', '-'), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : double.NaN)
            .Where(double.IsFinite).ToList();

    [Fact]
    public void The_states_svg_draws_axes_from_zero_and_every_occupied_state()
    {
        var path = Path.Combine(_dir, "states.svg");
        WideEvents.Analyze.Visuals.Plots.Plots.Save(TestData.Synthetic(), new PlotOptions { Kind = PlotKind.States }, path);

        var texts = SvgTexts(path);
        var ticks = Numbers(texts);
        // Tick labels: counts 0 to 1 (one task) and seconds 0 to 7, none below zero.
        Assert.Contains(0.0, ticks);
        Assert.All(ticks, t => Assert.True(t >= 0, $"tick {t} below zero in: {string.Join(" | ", texts)}"));
        Assert.Contains(ticks, t => t >= 6);
        Assert.Contains("seconds since start", texts);
        Assert.Contains("entities", texts);
    }

    [Fact]
    public void The_histogram_uses_round_bins_from_zero_and_counts_every_interval_once()
    {
        // Task 1: pending 0-2, running 2-5. Task 2: pending 1-2, running 2-3. Task 3: pending 0-0.5, running 0.5-4.
        List<Record> records =
        [
            State(0, "1", "initializing state to pending"),
            State(1, "2", "initializing state to pending"),
            State(0, "3", "initializing state to pending"),
            State(0.5, "3", "changing state from pending to running"),
            State(2, "1", "changing state from pending to running"),
            State(2, "2", "changing state from pending to running"),
            State(3, "2", "changing state from running to exec_done"),
            State(4, "3", "changing state from running to exec_done"),
            State(5, "1", "changing state from running to exec_done"),
        ];

        var (plot, series, description) = WideEvents.Analyze.Visuals.Plots.Plots.Build(records, new PlotOptions { Kind = PlotKind.Histogram });
        var path = Path.Combine(_dir, "histogram.svg");
        WideEvents.Analyze.Visuals.Plots.Plots.Save(records, new PlotOptions { Kind = PlotKind.Histogram }, path);

        Assert.Equal(2, series);
        // Six intervals, the longest 3.5 s: Sturges gives 4 bins of at least 0.875 s, rounded up to 1 s.
        Assert.EndsWith("bins of 1 s", description, StringComparison.Ordinal);
        var bars = plot.GetPlottables<BarPlot>().SelectMany(b => b.Bars).ToList();
        Assert.All(bars, b => Assert.Equal(1.0, b.Size));
        Assert.All(bars, b => Assert.Equal(0.5, b.Position % 1.0, 9));
        Assert.Equal(6, bars.Sum(b => b.Value));
        var texts = SvgTexts(path);
        Assert.Contains("seconds in the state (bins of 1 s)", texts);
        Assert.All(Numbers(texts), t => Assert.True(t >= 0, $"tick {t} below zero"));
    }

    [Fact]
    public void The_metric_svg_draws_its_series_with_a_value_axis_covering_the_samples()
    {
        var path = Path.Combine(_dir, "queue.svg");
        WideEvents.Analyze.Visuals.Plots.Plots.Save(TestData.Synthetic(), new PlotOptions { Kind = PlotKind.Metric, Metric = "queue" }, path);

        var texts = SvgTexts(path);
        Assert.Equal(2, texts.Count(t => t == "queue"));   // the title and the series' legend entry
        Assert.Contains("value", texts);
        Assert.Contains("seconds since start", texts);
        var ticks = Numbers(texts);
        // Samples 3 (at 1 s) and 5 (at 2 s): the value ticks span them.
        Assert.Contains(ticks, t => t <= 3);
        Assert.Contains(ticks, t => t >= 5);
    }

    [Fact]
    public void The_timelines_svg_labels_each_entity_and_names_the_colour_key()
    {
        var records = TestData.Synthetic();
        records.Add(TestData.Make(0.2, "100", "submit", ("parsl_dfk", "d1"), ("parsl_task_id", "1"), ("app", "sleeper")));
        var path = Path.Combine(_dir, "timelines.svg");
        WideEvents.Analyze.Visuals.Plots.Plots.Save(records, new PlotOptions { Kind = PlotKind.Timelines, ColorBy = "app" }, path);

        var texts = SvgTexts(path);
        Assert.Contains("running to done, 1 entities, coloured by app", texts);
        Assert.Contains("app = sleeper", texts);
        Assert.Contains("entity (in order of starting to run)", texts);
        Assert.Single(texts, t => t.Contains("parsl_task_id=1", StringComparison.Ordinal));
    }

    [Fact]
    public void The_common_svg_names_the_steps_and_the_bottleneck_of_the_most_common_shape()
    {
        var records = TestData.DiamondRecords();
        var shape = WideEvents.Analyze.Reports.CommonPathReport.Build(records).Shapes[0];
        var path = Path.Combine(_dir, "common.svg");
        WideEvents.Analyze.Visuals.Plots.Plots.Save(records, new PlotOptions { Kind = PlotKind.Common, Height = 1200 }, path);

        var texts = SvgTexts(path);
        Assert.Contains("bottleneck (largest gap)", texts);
        Assert.Contains("step (from previous step's mean offset)", texts);
        var labelled = shape.Steps.Take(40).Select(s => s.Key.Length > 60 ? s.Key[..59] + "…" : s.Key).ToList();
        Assert.All(labelled, step => Assert.Contains(step, texts));
    }

    private static IEnumerable<(double, double)> Points(Scatter s) => s.Data.GetScatterPoints().Select(p => (p.X, p.Y));

    [Fact]
    public void Timelines_colour_each_bar_by_the_chosen_key()
    {
        var records = TestData.Synthetic();
        records.Add(TestData.Make(0.2, "100", "submit", ("parsl_dfk", "d1"), ("parsl_task_id", "1"), ("app", "sleeper")));
        var (plot, series, _) = WideEvents.Analyze.Visuals.Plots.Plots.Build(records, new PlotOptions { Kind = PlotKind.Timelines, ColorBy = "app" });

        Assert.Equal(1, series);
        var bar = Assert.Single(Assert.Single(plot.GetPlottables<BarPlot>()).Bars);
        Assert.Equal((2.0, 6.0), (bar.ValueBase, bar.Value));
        Assert.Equal("app = sleeper", plot.GetPlottables<BarPlot>().Single().LegendText);
    }

    [Fact]
    public void Wide_plot_chooses_the_format_by_extension_and_rejects_others()
    {
        var run = Path.Combine(TestData.Diamond, "runinfo", "000");
        var svg = Path.Combine(_dir, "q.svg");
        Assert.Equal(0, WideCli.Run(["plot", "metric", "pending_task_queue_length", run, "-o", svg], new StringWriter(), new StringWriter()));
        Assert.Contains("pending_task_queue_length.queued_tasks", SvgTexts(svg));

        var png = Path.Combine(_dir, "t.png");
        Assert.Equal(0, WideCli.Run(["plot", "timelines", TestData.Diamond, "--rules", "parsl", "--color-by", "parsl_app_name", "-o", png], new StringWriter(), new StringWriter()));
        Assert.Equal(PngSignature, File.ReadAllBytes(png)[..8]);

        var error = new StringWriter();
        Assert.Equal(ExitCodes.BadInput, WideCli.Run(["plot", "states", run, "-o", Path.Combine(_dir, "x.jpg")], new StringWriter(), error));
        Assert.Contains(".png or .svg", error.ToString(), StringComparison.Ordinal);
    }
}
