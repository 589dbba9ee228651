using System.Globalization;
using WideEvents.Analyze.Records.Columns;

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

    /// <summary>As <see cref="Read(Record)"/>, from the columns: a parsed number is not turned back into text to be parsed again.</summary>
    public static double Read(RecordStore store, int row)
    {
        foreach (var key in Keys)
        {
            if (store.Find(key) is not { } column)
            {
                continue;
            }
            var t = column.Kind(row) switch
            {
                CellKind.Absent or CellKind.Null => double.NaN,
                // The text of these parses to exactly this number (that is how the loader chose them).
                CellKind.LongText => FromText(column.Payload(row)),
                CellKind.DoubleText => FromText(BitConverter.Int64BitsToDouble(column.Payload(row))),
                _ => ToSeconds(column.Get(row)),
            };
            if (!double.IsNaN(t))
            {
                return t;
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
                    return FromText(d);
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

    // A number written as text: seconds, unless so large it must be milliseconds or microseconds.
    private static double FromText(double d) => d > 1e14 ? EpochNumber((long)d) : d;

    // Integers are seconds, milliseconds or microseconds since the epoch depending on magnitude.
    private static double EpochNumber(long n) => n switch
    {
        > 100_000_000_000_000 => n / 1e6,
        > 100_000_000_000 => n / 1e3,
        _ => n,
    };
}
