namespace WideEvents.Analyze.Visuals.Svg;

/// <summary>A rendered chart.</summary>
/// <param name="SeriesCount">Series drawn (0: nothing to show).</param>
/// <param name="Svg">The SVG element, to embed in HTML.</param>
public sealed record ChartImage(int SeriesCount, string Svg);
