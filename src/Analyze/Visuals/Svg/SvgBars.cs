using System.Globalization;
using System.Text;

namespace WideEvents.Analyze.Visuals.Svg;

/// <summary>A horizontal bar chart as inline SVG; highlighted bars (the bottleneck) are drawn in red and labelled.</summary>
internal static class SvgBars
{
    public static string Render(string title, IReadOnlyList<(string Label, double Value, bool Highlight)> bars, int width = 760)
    {
        const int barH = 16;
        const int labelW = 330;
        var height = 28 + bars.Count * (barH + 4) + 8;
        var max = bars.Count > 0 ? Math.Max(bars.Max(b => b.Value), 1e-12) : 1;
        var plotW = width - labelW - 150;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart bars\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\">");
        sb.Append(CultureInfo.InvariantCulture, $"<title>{SvgChart.E(title)}</title><text x=\"4\" y=\"16\" class=\"chart-title\">{SvgChart.E(title)}</text>");
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value, highlight) = bars[i];
            var y = 26 + i * (barH + 4);
            var w = Math.Max(0, value) / max * plotW;
            var shown = label.Length > 52 ? label[..51] + "…" : label;
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelW - 6}\" y=\"{y + 12}\" text-anchor=\"end\" class=\"tick\">{SvgChart.E(shown)}<title>{SvgChart.E(label)}</title></text>");
            sb.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar{(highlight ? " bottleneck" : "")}\" x=\"{labelW}\" y=\"{y}\" width=\"{w:0.##}\" height=\"{barH}\" fill=\"{(highlight ? "#e15759" : "#4e79a7")}\"><title>{SvgChart.E(label)}: {Seconds(value)}</title></rect>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelW + w + 4:0.##}\" y=\"{y + 12}\" class=\"tick\">{Seconds(value)}{(highlight ? " ◀ bottleneck" : "")}</text>");
        }
        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>Seconds as s, ms or µs so that short gaps stay readable.</summary>
    public static string Seconds(double s) => Math.Abs(s) switch
    {
        >= 1 => s.ToString("0.### s", CultureInfo.InvariantCulture),
        >= 1e-3 => (s * 1e3).ToString("0.### ms", CultureInfo.InvariantCulture),
        _ => (s * 1e6).ToString("0.# µs", CultureInfo.InvariantCulture),
    };
}
