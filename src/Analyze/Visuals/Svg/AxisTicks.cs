namespace WideEvents.Analyze.Visuals.Svg;

/// <summary>Round tick values (1, 2, 5 × 10ⁿ) covering a range.</summary>
internal static class AxisTicks
{
    public static List<double> For(double min, double max, int target = 6)
    {
        if (!(max > min))
        {
            return [min];
        }
        var raw = (max - min) / target;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1.0, 2, 5, 10 }.Select(m => m * magnitude).First(s => s >= raw);
        var ticks = new List<double>();
        for (var t = Math.Ceiling(min / step) * step; t <= max + step * 1e-9; t += step)
        {
            ticks.Add(Math.Abs(t) < step * 1e-9 ? 0 : t);
        }
        return ticks;
    }

    public static string Format(double v) =>
        Math.Abs(v) >= 1e6 || Math.Abs(v) < 1e-3 && v != 0 ? v.ToString("0.##E0", System.Globalization.CultureInfo.InvariantCulture)
        : v.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
}
