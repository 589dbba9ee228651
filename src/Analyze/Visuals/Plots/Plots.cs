using ScottPlot;
using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Visuals.Plots;

/// <summary>Draws records as PNG or SVG images with ScottPlot (the file extension chooses).</summary>
public static class Plots
{
    /// <summary>Draws <paramref name="options"/>'s plot of <paramref name="records"/> to <paramref name="path"/> (<c>.png</c> or <c>.svg</c>).</summary>
    /// <exception cref="ArgumentException">The extension is neither .png nor .svg, or a metric plot has no metric name.</exception>
    /// <exception cref="InvalidOperationException">The records hold nothing for this plot.</exception>
    public static PlotResult Save(IReadOnlyList<Record> records, PlotOptions options, string path)
    {
        var extension = System.IO.Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".png" or ".svg"))
        {
            throw new ArgumentException($"The output must end in .png or .svg, not '{extension}'.", nameof(path));
        }
        var (plot, series, description) = Build(records, options);
        if (extension == ".png")
        {
            plot.SavePng(path, options.Width, options.Height);
        }
        else
        {
            plot.SaveSvg(path, options.Width, options.Height);
        }
        return new PlotResult(path, series, description);
    }

    internal static (Plot Plot, int Series, string Description) Build(IReadOnlyList<Record> records, PlotOptions options) => options.Kind switch
    {
        PlotKind.States => PlotBuilders.States(records),
        PlotKind.Metric => PlotBuilders.Metric(records, options.Metric ?? throw new ArgumentException("A metric plot needs a metric name.", nameof(options))),
        PlotKind.Timelines => PlotBuilders.Timelines(records, options.ColorBy),
        PlotKind.Common => PlotBuilders.Common(records),
        PlotKind.Histogram => PlotBuilders.Histogram(records, options.Bins),
        PlotKind.Messages => MessageDiagram.Build(records),
        _ => throw new ArgumentOutOfRangeException(nameof(options)),
    };
}
