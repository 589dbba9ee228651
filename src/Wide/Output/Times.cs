using System.Globalization;

namespace WideEvents.Cli.Output;

/// <summary>Formats epoch seconds as UTC text.</summary>
internal static class Times
{
    public static string? Utc(double seconds)
    {
        if (double.IsNaN(seconds))
        {
            return null;
        }
        // Whole seconds and the fraction separately: epoch seconds times 1e7 would exceed a double's
        // 53-bit precision; rounded to the microseconds shown, so 13.077 does not print as 13.076999.
        var whole = Math.Floor(seconds);
        var ticks = (long)whole * TimeSpan.TicksPerSecond + (long)Math.Round((seconds - whole) * 1e6) * 10;
        return DateTime.UnixEpoch.AddTicks(ticks).ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
    }
}
