using System.Globalization;
using System.Net;
using System.Text;

namespace WideEvents.Analyze.Visuals.Svg;

/// <summary>
/// A small, dependency-free x/y chart rendered as inline SVG: axes with round ticks, a legend, and
/// series drawn as exact step functions (counts) or lines (samples). Each series is one
/// <c>path</c> with <c>class="series"</c> and a <c>data-series</c> name, so tests and scripts can find them.
/// </summary>
internal sealed class SvgChart(string title, string xLabel, string yLabel, int width = 760, int height = 260)
{
    private const int Left = 56;
    private const int Right = 12;
    private const int Top = 28;
    private const int Bottom = 40;
    private readonly List<SvgSeries> _series = [];

    public int SeriesCount => _series.Count;

    /// <summary>A fixed x range (so charts of one run line up); null fits the data.</summary>
    public (double Min, double Max)? XRange { get; init; }

    public SvgChart Add(SvgSeries series)
    {
        if (series.Points.Count > 0)
        {
            _series.Add(series);
        }
        return this;
    }

    public string Render()
    {
        var points = _series.SelectMany(s => s.Points).ToList();
        var xMin = XRange?.Min ?? (points.Count > 0 ? points.Min(p => p.X) : 0);
        var xMax = XRange?.Max ?? (points.Count > 0 ? points.Max(p => p.X) : 1);
        var yMin = Math.Min(0, points.Count > 0 ? points.Min(p => p.Y) : 0);
        var yMax = points.Count > 0 ? points.Max(p => p.Y) : 1;
        if (xMax <= xMin)
        {
            xMax = xMin + 1;
        }
        if (yMax <= yMin)
        {
            yMax = yMin + 1;
        }
        var plotW = width - Left - Right;
        var plotH = height - Top - Bottom;
        double X(double x) => Left + (x - xMin) / (xMax - xMin) * plotW;
        double Y(double y) => Top + plotH - (y - yMin) / (yMax - yMin) * plotH;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\">");
        sb.Append(CultureInfo.InvariantCulture, $"<title>{E(title)}</title>");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"16\" class=\"chart-title\">{E(title)}</text>");
        foreach (var t in AxisTicks.For(yMin, yMax, 5))
        {
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{width - Right}\" y1=\"{F(Y(t))}\" y2=\"{F(Y(t))}\" class=\"grid\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 4}\" y=\"{F(Y(t) + 4)}\" text-anchor=\"end\" class=\"tick\">{AxisTicks.Format(t)}</text>");
        }
        foreach (var t in AxisTicks.For(xMin, xMax, 8))
        {
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(X(t))}\" x2=\"{F(X(t))}\" y1=\"{Top + plotH}\" y2=\"{Top + plotH + 4}\" class=\"axis\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(X(t))}\" y=\"{Top + plotH + 16}\" text-anchor=\"middle\" class=\"tick\">{AxisTicks.Format(t)}</text>");
        }
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{width - Right}\" y1=\"{Top + plotH}\" y2=\"{Top + plotH}\" class=\"axis\"/>");
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Left}\" y1=\"{Top}\" y2=\"{Top + plotH}\" class=\"axis\"/>");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + plotW / 2}\" y=\"{height - 6}\" text-anchor=\"middle\" class=\"label\">{E(xLabel)}</text>");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"12\" y=\"{Top + plotH / 2}\" text-anchor=\"middle\" class=\"label\" transform=\"rotate(-90 12 {Top + plotH / 2})\">{E(yLabel)}</text>");
        for (var i = 0; i < _series.Count; i++)
        {
            var s = _series[i];
            var d = new StringBuilder();
            for (var j = 0; j < s.Points.Count; j++)
            {
                var (x, y) = s.Points[j];
                if (j == 0)
                {
                    d.Append(CultureInfo.InvariantCulture, $"M{F(X(x))},{F(Y(y))}");
                    continue;
                }
                if (s.Step)
                {
                    d.Append(CultureInfo.InvariantCulture, $"H{F(X(x))}");
                }
                d.Append(CultureInfo.InvariantCulture, $"{(s.Step ? "V" : "L")}{(s.Step ? F(Y(y)) : $"{F(X(x))},{F(Y(y))}")}");
            }
            if (s.Step && s.Points.Count > 0)
            {
                d.Append(CultureInfo.InvariantCulture, $"H{F(X(xMax))}");
            }
            sb.Append(CultureInfo.InvariantCulture, $"<path class=\"series\" data-series=\"{E(s.Name)}\" d=\"{d}\" fill=\"none\" stroke=\"{Palette.At(i)}\" stroke-width=\"1.6\"><title>{E(s.Name)}</title></path>");
            var lx = Left + 8 + i % 4 * 170;
            var ly = Top + 10 + i / 4 * 14;
            sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{lx}\" y=\"{ly - 8}\" width=\"10\" height=\"10\" fill=\"{Palette.At(i)}\"/><text x=\"{lx + 14}\" y=\"{ly + 1}\" class=\"legend\">{E(s.Name)}</text>");
        }
        sb.Append("</svg>");
        return sb.ToString();
    }

    internal static string E(string text) => WebUtility.HtmlEncode(text);

    private static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
