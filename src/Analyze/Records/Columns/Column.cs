using System.Globalization;

namespace WideEvents.Analyze.Records.Columns;

/// <summary>
/// The values of one key for every row of a <see cref="RecordStore"/>: a kind per row (zero when
/// the row lacks the key) and a payload per row, 32-bit until a value needs 64 (a double, a large
/// integer), plus the column's strings. Rows past the arrays' length are absent.
/// </summary>
internal sealed class Column(string key, RecordStore store)
{
    private byte[] _kinds = [];
    private int[]? _narrow = [];
    private long[]? _wide;
    private Dictionary<ColumnStrings, int[]>? _copiedIds;

    /// <summary>The interned key.</summary>
    public string Key { get; } = key;

    /// <summary>The column's dictionary and text arena.</summary>
    public ColumnStrings Strings { get; } = new();

    public CellKind Kind(int row) => (uint)row < (uint)_kinds.Length ? (CellKind)_kinds[row] : CellKind.Absent;

    public long Payload(int row) => _wide is not null ? _wide[row] : _narrow![row];

    public void Put(int row, CellKind kind, long payload)
    {
        if (row >= _kinds.Length)
        {
            Grow(row + 1);
        }
        if (_wide is null && payload != (int)payload)
        {
            _wide = Array.ConvertAll(_narrow!, static n => (long)n);
            _narrow = null;
        }
        _kinds[row] = (byte)kind;
        if (_wide is not null)
        {
            _wide[row] = payload;
        }
        else
        {
            _narrow![row] = (int)payload;
        }
    }

    public void Clear(int row)
    {
        if (row < _kinds.Length)
        {
            _kinds[row] = (byte)CellKind.Absent;
        }
    }

    /// <summary>Stores a value given through the public API (strings go to the dictionary unless it is off).</summary>
    public void Set(int row, Value value)
    {
        switch (value.Kind)
        {
            case ValueKind.Long: Put(row, CellKind.Long, value.AsLong); break;
            case ValueKind.Double: Put(row, CellKind.Double, BitConverter.DoubleToInt64Bits(value.AsDouble)); break;
            case ValueKind.Bool: Put(row, CellKind.Bool, value.AsBool ? 1 : 0); break;
            case ValueKind.String:
                var s = value.AsString!;
                if (Strings.DictionaryOff)
                {
                    Put(row, CellKind.Text, Strings.AddText(System.Text.Encoding.UTF8.GetBytes(s)));
                }
                else
                {
                    Put(row, CellKind.String, Strings.Id(s));
                }
                break;
            default: Put(row, CellKind.Null, 0); break;
        }
    }

    /// <summary>The cell as a public value: numbers that were strings come back as their text.</summary>
    public Value Get(int row)
    {
        var kind = Kind(row);
        return kind switch
        {
            CellKind.Absent or CellKind.Null => Value.Null,
            CellKind.Long => Value.From(Payload(row)),
            CellKind.Double => Value.From(BitConverter.Int64BitsToDouble(Payload(row))),
            CellKind.Bool => Value.From(Payload(row) != 0),
            CellKind.String => Value.From(Strings[(int)Payload(row)]),
            CellKind.Text => Value.From(Strings.Text(Payload(row))),
            CellKind.LongText => Value.From(Payload(row).ToString(CultureInfo.InvariantCulture)),
            _ => Value.From(BitConverter.Int64BitsToDouble(Payload(row)).ToString("R", CultureInfo.InvariantCulture)),
        };
    }

    /// <summary>
    /// The cell as the number a string of it parses to, as <see cref="Value.TryGetNumber"/> would
    /// give, without making the string when the cell holds a parsed number.
    /// </summary>
    public bool TryGetNumber(int row, out double number)
    {
        switch (Kind(row))
        {
            case CellKind.Long or CellKind.LongText: number = Payload(row); return true;
            case CellKind.Double or CellKind.DoubleText: number = BitConverter.Int64BitsToDouble(Payload(row)); return true;
            case CellKind.String or CellKind.Text: return Get(row).TryGetNumber(out number);
            default: number = 0; return false;
        }
    }

    /// <summary>Copies a cell of <paramref name="source"/> (another column, or this one) into <paramref name="row"/>.</summary>
    public void CopyFrom(Column source, int sourceRow, int row)
    {
        var kind = source.Kind(sourceRow);
        var payload = source.Payload(sourceRow);
        if (kind == CellKind.String && source != this)
        {
            // Dictionary ids are per column: translate, remembering the translation for the next row.
            _copiedIds ??= new(ReferenceEqualityComparer.Instance);
            if (!_copiedIds.TryGetValue(source.Strings, out var map) || map.Length < source.Strings.Count)
            {
                var grown = new int[Math.Max(16, source.Strings.Count * 2)];
                Array.Fill(grown, -1);
                map?.CopyTo(grown, 0);
                _copiedIds[source.Strings] = map = grown;
            }
            var id = (int)payload;
            if (map[id] < 0)
            {
                map[id] = Strings.Id(source.Strings[id]);
            }
            payload = map[id];
        }
        else if (kind == CellKind.Text && source != this)
        {
            payload = Strings.AddText(source.Strings.TextBytes(payload));
        }
        Put(row, kind, payload);
    }

    /// <summary>Drops the room past <paramref name="rows"/> (after loading, when the row count is known).</summary>
    public void Trim(int rows)
    {
        if (_kinds.Length > rows)
        {
            Array.Resize(ref _kinds, rows);
            if (_wide is not null)
            {
                Array.Resize(ref _wide, rows);
            }
            else
            {
                Array.Resize(ref _narrow, rows);
            }
        }
    }

    private void Grow(int rows)
    {
        // At once to the store's row capacity: doubling a column of a million rows step by step
        // would leave its smaller copies on the large object heap until a full collection.
        var size = Math.Max(rows, store.Capacity);
        Array.Resize(ref _kinds, size);
        if (_wide is not null)
        {
            Array.Resize(ref _wide, size);
        }
        else
        {
            Array.Resize(ref _narrow, size);
        }
    }
}
