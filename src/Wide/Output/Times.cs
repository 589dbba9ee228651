using System.Globalization;

namespace WideEvents.Cli.Output;

/// <summary>Formats epoch seconds as text in one time zone, always with the zone's offset, so no printed time is ambiguous.</summary>
internal sealed class Times(TimeZoneInfo zone)
{
    /// <summary>Times in UTC (<c>+00:00</c>).</summary>
    public static Times Utc { get; } = new(TimeZoneInfo.Utc);

    /// <summary><c>2024-05-01 12:00:00.000000+00:00</c>, or null for no time.</summary>
    public string? Format(double seconds)
    {
        if (double.IsNaN(seconds))
        {
            return null;
        }
        // Whole seconds and the fraction separately: epoch seconds times 1e7 would exceed a double's
        // 53-bit precision; rounded to the microseconds shown, so 13.077 does not print as 13.076999.
        var whole = Math.Floor(seconds);
        var ticks = (long)whole * TimeSpan.TicksPerSecond + (long)Math.Round((seconds - whole) * 1e6) * 10;
        var utc = new DateTimeOffset(DateTime.UnixEpoch.AddTicks(ticks), TimeSpan.Zero);
        return TimeZoneInfo.ConvertTime(utc, zone).ToString("yyyy-MM-dd HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture);
    }
}
