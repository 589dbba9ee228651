using System.Globalization;

namespace WideEvents.Analyze.Records;

/// <summary>Finds a record's time whichever scheme its source used.</summary>
internal static class TimeView
{
    // Order matters: CLEF's @t is authoritative, then Python logging's created, then database columns.
    private static readonly string[] Keys = ["@t", "created", "timestamp", "time", "ts", "@timestamp"];

    public static double Read(Record record)
    {
        foreach (var key in Keys)
        {
            if (record.TryGet(key, out var v) && !v.IsNull)
            {
                var t = ToSeconds(v);
                if (!double.IsNaN(t))
                {
                    return t;
                }
            }
        }
        return double.NaN;
    }

    public static double ToSeconds(Value v)
    {
        switch (v.Kind)
        {
            case ValueKind.Long:
                return EpochNumber(v.AsLong);
            case ValueKind.Double:
                return v.AsDouble;
            case ValueKind.String:
                var s = v.AsString!;
                if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
                {
                    return d > 1e14 ? EpochNumber((long)d) : d;
                }
                // Naive database times (monitoring.db) are read as UTC so results do not depend on
                // the analysing machine's zone, unlike the prototype.
                if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture,
                        DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var dto))
                {
                    return (dto.UtcTicks - DateTime.UnixEpoch.Ticks) / (double)TimeSpan.TicksPerSecond;
                }
                return double.NaN;
            default:
                return double.NaN;
        }
    }

    // Integers are seconds, milliseconds or microseconds since the epoch depending on magnitude.
    private static double EpochNumber(long n) => n switch
    {
        > 100_000_000_000_000 => n / 1e6,
        > 100_000_000_000 => n / 1e3,
        _ => n,
    };
}
