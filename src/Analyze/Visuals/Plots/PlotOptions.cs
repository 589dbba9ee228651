namespace WideEvents.Analyze.Visuals.Plots;

/// <summary>What to plot and how big.</summary>
public sealed class PlotOptions
{
    /// <summary>The plot. Default <see cref="PlotKind.States"/>.</summary>
    public PlotKind Kind { get; init; } = PlotKind.States;

    /// <summary>The metric for <see cref="PlotKind.Metric"/> (required there).</summary>
    public string? Metric { get; init; }

    /// <summary>The key whose value colours each bar of <see cref="PlotKind.Timelines"/>. Default <c>parsl_app_name</c>; entities without it are "(none)".</summary>
    public string ColorBy { get; init; } = "parsl_app_name";

    /// <summary>Image width in pixels. Default 1000.</summary>
    public int Width { get; init; } = 1000;

    /// <summary>Image height in pixels. Default 600.</summary>
    public int Height { get; init; } = 600;

    /// <summary>Histogram bins. Default 30.</summary>
    public int Bins { get; init; } = 30;
}
