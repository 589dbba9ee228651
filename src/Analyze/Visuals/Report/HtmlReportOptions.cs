namespace WideEvents.Analyze.Visuals.Report;

/// <summary>What <see cref="HtmlReport"/> includes.</summary>
public sealed class HtmlReportOptions
{
    /// <summary>The page title. Default "WideEvents report".</summary>
    public string Title { get; init; } = "WideEvents report";

    /// <summary>How many of the slowest entities are listed with their flows. Default 10.</summary>
    public int SlowestEntities { get; init; } = 10;

    /// <summary>How many metrics get a chart (most frequent first). Default 12.</summary>
    public int MaxMetrics { get; init; } = 12;

    /// <summary>How many common-path shapes are shown (most common first). Default 3.</summary>
    public int MaxShapes { get; init; } = 3;

    /// <summary>Flow lines shown per slow entity. Default 80.</summary>
    public int MaxFlowLines { get; init; } = 80;

    /// <summary>The lifecycles that read entity states, first match wins (a user's own before the built-in ones). Default null: <see cref="Reports.Lifecycle.BuiltIn"/>.</summary>
    public IReadOnlyList<Reports.Lifecycle>? Lifecycles { get; init; }

    /// <summary>A line under the title saying what was loaded (e.g. the input paths). Default none.</summary>
    public string? Subtitle { get; init; }
}
