using System.Globalization;

namespace WideEvents.Analyze.Records.Columns;

/// <summary>
/// The values of one key for every row of a <see cref="RecordStore"/>: a kind per row (zero when
/// the row lacks the key) and a payload per row, 16-bit until a value needs 32 (a dictionary past
/// 65,536 strings, a larger integer) or 64 (a double), plus the column's strings. Rows past the
/// arrays' length are absent.
/// </summary>
internal sealed class Column(string key, RecordStore store)
{
    private byte[] _kinds = [];
    // Exactly one of the three payload arrays is in use.
    private ushort[]? _short = [];
    private int[]? _narrow;
    private long[]? _wide;
    private Dictionary<ColumnStrings, int[]>? _copiedIds;
    private ColumnStrings? _lastCopied;
    private int[]? _lastCopiedIds;

    /// <summary>The interned key.</summary>
    public string Key { get; } = key;

    /// <summary>The column's dictionary and text arena.</summary>
    public ColumnStrings Strings { get; } = new();

    public CellKind Kind(int row) => (uint)row < (uint)_kinds.Length ? (CellKind)_kinds[row] : CellKind.Absent;

    public long Payload(int row) => _short is not null ? _short[row] : _narrow is not null ? _narrow[row] : _wide![row];

    public void Put(int row, CellKind kind, long payload)
    {
        if (row >= _kinds.Length)
        {
            Grow(row + 1);
        }
        if (_short is not null)
        {
            if ((ulong)payload <= ushort.MaxValue)
            {
                _kinds[row] = (byte)kind;
                _short[row] = (ushort)payload;
                return;
            }
            if (payload == (int)payload)
            {
                _narrow = Array.ConvertAll(_short, static n => (int)n);
            }
            else
            {
                _wide = Array.ConvertAll(_short, static n => (long)n);
            }
            _short = null;
        }
        if (_narrow is not null && payload != (int)payload)
        {
            _wide = Array.ConvertAll(_narrow, static n => (long)n);
            _narrow = null;
        }
        _kinds[row] = (byte)kind;
        if (_narrow is not null)
        {
            _narrow[row] = (int)payload;
        }
        else
        {
            _wide![row] = payload;
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
            var map = ReferenceEquals(source.Strings, _lastCopied) ? _lastCopiedIds : null;
            if ((map is null && !_copiedIds.TryGetValue(source.Strings, out map)) || map!.Length < source.Strings.Count)
            {
                var grown = new int[Math.Max(16, source.Strings.Count * 2)];
                Array.Fill(grown, -1);
                map?.CopyTo(grown, 0);
                _copiedIds[source.Strings] = map = grown;
            }
            _lastCopied = source.Strings;
            _lastCopiedIds = map;
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
            Resize(rows);
        }
    }

    private void Grow(int rows)
    {
        // At once to the store's row capacity: doubling a column of a million rows step by step
        // would leave its smaller copies on the large object heap until a full collection.
        Resize(Math.Max(rows, store.Capacity));
    }

    private void Resize(int size)
    {
        Array.Resize(ref _kinds, size);
        if (_short is not null)
        {
            Array.Resize(ref _short, size);
        }
        else if (_narrow is not null)
        {
            Array.Resize(ref _narrow, size);
        }
        else
        {
            Array.Resize(ref _wide, size);
        }
    }
}
