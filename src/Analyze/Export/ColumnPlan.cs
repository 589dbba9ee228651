using System.Globalization;
using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Export;

/// <summary>The Parquet type a record key is written as.</summary>
internal enum ColumnType
{
    String,
    Long,
    Double,
    Bool,
    Timestamp,
}

/// <summary>
/// One key's column: its type from every value it has. <see cref="FromText"/> marks a column of
/// only numeric strings (Python's logs write numbers as strings) written as numbers: every string
/// was the number's own rendering, so the loader can give the same text back.
/// </summary>
/// <see cref="Name"/> is the key, made unique without regard to case (SQL engines fold case:
/// <c>funcName</c> and <c>funcname</c> would be one column) by a <c>_2</c>, <c>_3</c> suffix.
internal sealed record ColumnSpec(string Key, string Name, ColumnType Type, bool FromText);

/// <summary>Chooses each key's column from one pass over the records.</summary>
internal static class ColumnPlan
{
    /// <summary>The timestamp key: CLEF's event time.</summary>
    public const string TimeKey = "@t";

    public static List<ColumnSpec> For(IReadOnlyList<Record> records)
    {
        var seen = new Dictionary<string, Kinds>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var r in records)
        {
            var keys = r.Shape.Keys;
            var values = r.ValuesSpan;
            for (var i = 0; i < keys.Length; i++)
            {
                if (!seen.TryGetValue(keys[i], out var k))
                {
                    k = new Kinds();
                    seen[keys[i]] = k;
                    order.Add(keys[i]);
                }
                k.Add(keys[i], values[i]);
            }
        }
        var columns = new List<ColumnSpec>(order.Count);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ParquetExport.SourceColumn, ParquetExport.ShapeColumn };
        foreach (var key in order)
        {
            if (seen[key].Type() is { } spec)
            {
                var name = key;
                for (var n = 2; !names.Add(name); n++)
                {
                    name = $"{key}_{n}";
                }
                columns.Add(new ColumnSpec(key, name, spec.Type, spec.FromText));
            }
        }
        return columns;
    }

    /// <summary>A CLEF time (ISO 8601) as UTC, or false.</summary>
    public static bool TryTimestamp(string text, out DateTime utc)
    {
        if (text.Length >= 20 && text[10] == 'T' &&
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t))
        {
            utc = t.UtcDateTime;
            return true;
        }
        utc = default;
        return false;
    }

    /// <summary>True when <paramref name="text"/> is exactly the invariant rendering of an integer.</summary>
    public static bool IsLongText(string text, out long number) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number) &&
        number.ToString(CultureInfo.InvariantCulture) == text;

    /// <summary>True when <paramref name="text"/> is exactly the round-trip rendering of a double.</summary>
    public static bool IsDoubleText(string text, out double number) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number) &&
        double.IsFinite(number) && number.ToString("R", CultureInfo.InvariantCulture) == text;

    private sealed class Kinds
    {
        private bool _long, _double, _bool, _string;
        private bool _textLong = true, _textDouble = true, _textTime = true;

        public void Add(string key, Value v)
        {
            switch (v.Kind)
            {
                case ValueKind.Long: _long = true; break;
                case ValueKind.Double: _double = true; break;
                case ValueKind.Bool: _bool = true; break;
                case ValueKind.String:
                    _string = true;
                    var s = v.AsString!;
                    // Once a test fails it is not tried again: a column of messages costs one parse each at most.
                    _textLong = _textLong && IsLongText(s, out _);
                    _textDouble = _textDouble && IsDoubleText(s, out _);
                    _textTime = _textTime && key == TimeKey && TryTimestamp(s, out _);
                    break;
            }
        }

        public (ColumnType Type, bool FromText)? Type()
        {
            var kinds = (_long ? 1 : 0) + (_double ? 1 : 0) + (_bool ? 1 : 0) + (_string ? 1 : 0);
            if (kinds == 0)
            {
                return null;   // only nulls: nothing to write
            }
            if (_string && kinds > 1)
            {
                // Numbers beside numeric strings (a database's 3, a JSON log's "3") are one
                // identifier space: numbers, so SQL counts 3 and "3" once. Read back, all are numbers.
                return _bool ? (ColumnType.String, false)
                    : _textLong && !_double ? (ColumnType.Long, false)
                    : _textDouble ? (ColumnType.Double, false)
                    : (ColumnType.String, false);
            }
            if (_string)
            {
                return _textTime ? (ColumnType.Timestamp, false)
                    : _textLong ? (ColumnType.Long, true)
                    : _textDouble ? (ColumnType.Double, true)
                    : (ColumnType.String, false);
            }
            return _bool ? (kinds == 1 ? (ColumnType.Bool, false) : (ColumnType.String, false))
                : _double ? (ColumnType.Double, false)
                : (ColumnType.Long, false);
        }
    }
}
