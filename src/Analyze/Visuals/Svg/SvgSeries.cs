namespace WideEvents.Analyze.Visuals.Svg;

/// <summary>One series of a chart: points in x order, drawn as a step function (value held until the next point) or a line.</summary>
internal sealed record SvgSeries(string Name, IReadOnlyList<(double X, double Y)> Points, bool Step);
