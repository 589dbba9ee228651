using System.Runtime.CompilerServices;

namespace WideEvents.Analyze.Records.Columns;

/// <summary>
/// Records held as columns: one <see cref="Column"/> per key (interned once, looked up once per
/// query, not once per record), each row a record addressed by its number, with its key order as
/// a shared <see cref="KeyShape"/>. A loaded file is one store; <see cref="Record"/> is a view of
/// one row, so the public, mutable record API stays while the analysis reads the columns.
/// </summary>
/// <remarks>
/// Changes through the public API take <see cref="Gate"/>, as a store may be shared by records
/// made on different threads. The column algorithms (rules, reports) run on one thread and write
/// through <see cref="Write"/> and <see cref="Copy"/> without it.
/// </remarks>
internal sealed class RecordStore
{
    // Records made one by one (tests, the text and database loaders) share a store per thread,
    // a new one every so many rows, so a store is freed when its records are.
    private const int LooseRows = 4096;

    [ThreadStatic]
    private static RecordStore? t_loose;

    private readonly Dictionary<string, Column> _columns = new(StringComparer.Ordinal);
    private readonly List<Column> _columnList = [];
    private readonly Found?[] _found = new Found?[32];
    private Growth? _lastGrowth;
    private readonly string _source;
    private KeyShape[] _shapes;
    private string[]? _sources;
    private double[]? _times;
    private bool[]? _timeKnown;

    public RecordStore(string source, int capacity = 16)
    {
        _source = source;
        _shapes = new KeyShape[Math.Max(1, capacity)];
    }

    public Lock Gate { get; } = new();

    /// <summary>How many rows the store holds.</summary>
    public int Count { get; private set; }

    /// <summary>How many rows fit before the row arrays grow.</summary>
    public int Capacity => _shapes.Length;

    /// <summary>The columns, in the order their keys were first seen.</summary>
    public IReadOnlyList<Column> Columns => _columnList;

    /// <summary>A new row of this thread's store for records made one by one.</summary>
    public static (RecordStore Store, int Row) NewLoose(string source)
    {
        var store = t_loose;
        if (store is null || store.Count >= LooseRows)
        {
            t_loose = store = new RecordStore(source, 64);
        }
        lock (store.Gate)
        {
            return (store, store.AddRow(source));
        }
    }

    /// <summary>The column of <paramref name="key"/>, or null when no row has ever had it.</summary>
    public Column? Find(string key)
    {
        // Reports ask for the same few keys (literals, so the same string objects) for every row: a
        // small cache matched by reference spares hashing the key's characters each time. Entries are
        // immutable and replaced whole, so readers on other threads see an old answer or a new one.
        var slot = RuntimeHelpers.GetHashCode(key) & (_found.Length - 1);
        if (_found[slot] is { } hit && ReferenceEquals(hit.Key, key))
        {
            return hit.Column;
        }
        var column = _columns.GetValueOrDefault(key);
        _found[slot] = new Found(key, column);
        return column;
    }

    /// <summary>The column of an interned key, made when new.</summary>
    public Column ColumnFor(string internedKey)
    {
        if (!_columns.TryGetValue(internedKey, out var column))
        {
            column = new Column(internedKey, this);
            _columns.Add(internedKey, column);
            _columnList.Add(column);
            // A cached "no such column" is now wrong.
            Array.Clear(_found);
        }
        return column;
    }

    /// <summary>Appends an empty row.</summary>
    public int AddRow(string source)
    {
        var row = NextRow;
        Count++;
        _shapes[row] = KeyShape.Empty;
        if (_sources is not null || !ReferenceEquals(source, _source) && source != _source)
        {
            if (_sources is null)
            {
                _sources = new string[_shapes.Length];
                Array.Fill(_sources, _source, 0, row);
            }
            _sources[row] = source;
        }
        if (_timeKnown is not null && row < _timeKnown.Length)
        {
            _timeKnown[row] = false;
        }
        return row;
    }

    /// <summary>Appends a row of <paramref name="values"/> under the interned keys of <paramref name="shape"/>.</summary>
    public int AddRow(string source, KeyShape shape, ReadOnlySpan<Value> values)
    {
        var row = AddRow(source);
        for (var i = 0; i < values.Length; i++)
        {
            ColumnFor(shape.Keys[i]).Set(row, values[i]);
        }
        _shapes[row] = shape;
        return row;
    }

    /// <summary>The number the next row will have, with room made for it (a loader writes its cells before <see cref="CommitRow"/>).</summary>
    public int NextRow
    {
        get
        {
            if (Count == _shapes.Length)
            {
                var size = _shapes.Length * 2;
                Array.Resize(ref _shapes, size);
                if (_sources is not null)
                {
                    Array.Resize(ref _sources, size);
                }
            }
            return Count;
        }
    }

    /// <summary>Appends a row whose cells are already written (by a loader) with these keys.</summary>
    public int CommitRow(KeyShape shape)
    {
        var row = AddRow(_source);
        _shapes[row] = shape;
        return row;
    }

    public KeyShape ShapeOf(int row) => _shapes[row];

    public string SourceOf(int row) => _sources is null ? _source : _sources[row];

    public bool TryGet(int row, string key, out Value value)
    {
        var column = Find(key);
        if (column is null || column.Kind(row) == CellKind.Absent)
        {
            value = default;
            return false;
        }
        value = column.Get(row);
        return true;
    }

    public bool Has(int row, string key) => Find(key) is { } column && column.Kind(row) != CellKind.Absent;

    public void Set(int row, string key, Value value)
    {
        lock (Gate)
        {
            var column = Find(key) ?? ColumnFor(KeyInterner.Intern(key));
            if (column.Kind(row) == CellKind.Absent)
            {
                _shapes[row] = _shapes[row].With(column.Key);
            }
            column.Set(row, value);
            Forget(row);
        }
    }

    public bool Remove(int row, string key)
    {
        lock (Gate)
        {
            var column = Find(key);
            if (column is null || column.Kind(row) == CellKind.Absent)
            {
                return false;
            }
            column.Clear(row);
            _shapes[row] = _shapes[row].Without(_shapes[row].IndexOf(column.Key));
            Forget(row);
            return true;
        }
    }

    /// <summary>A new row with the cells and source of <paramref name="row"/>.</summary>
    public int CloneRow(int row)
    {
        lock (Gate)
        {
            var copy = AddRow(SourceOf(row));
            var shape = _shapes[row];
            foreach (var key in shape.Keys)
            {
                var column = _columns[key];
                column.CopyFrom(column, row, copy);
            }
            _shapes[copy] = shape;
            return copy;
        }
    }

    /// <summary>Writes a cell from a column algorithm (no lock), adding the key to the row's shape when new.</summary>
    public void Write(int row, Column column, CellKind kind, long payload)
    {
        if (column.Kind(row) == CellKind.Absent)
        {
            _shapes[row] = Grown(_shapes[row], column.Key);
        }
        column.Put(row, kind, payload);
        Forget(row);
    }

    /// <summary>Copies a cell of any store's column into <paramref name="row"/> of this one (no lock).</summary>
    public void Copy(int row, Column column, Column source, int sourceRow)
    {
        if (column.Kind(row) == CellKind.Absent)
        {
            _shapes[row] = Grown(_shapes[row], column.Key);
        }
        column.CopyFrom(source, sourceRow, row);
        Forget(row);
    }

    /// <summary>The row's time (see <see cref="RecordViews.Time"/>), cached until the row changes.</summary>
    public double TimeOf(int row)
    {
        if (_timeKnown is null || _timeKnown.Length < Count)
        {
            lock (Gate)
            {
                Array.Resize(ref _timeKnown, _shapes.Length);
                Array.Resize(ref _times, _shapes.Length);
            }
        }
        if (!_timeKnown[row])
        {
            _times![row] = TimeView.Read(this, row);
            _timeKnown[row] = true;
        }
        return _times![row];
    }

    /// <summary>Drops the room past the last row, once loading is done, unless it is little (trimming copies every column).</summary>
    public void Trim()
    {
        if (_shapes.Length - Count <= Count / 8)
        {
            return;
        }
        Array.Resize(ref _shapes, Math.Max(1, Count));
        if (_sources is not null)
        {
            Array.Resize(ref _sources, _shapes.Length);
        }
        foreach (var column in _columnList)
        {
            column.Trim(_shapes.Length);
        }
    }

    // A rule adds one key to row after row of the same shape: the last transition is kept, which
    // spares the shape's lock and lookup (the column algorithms run on one thread).
    private KeyShape Grown(KeyShape shape, string key)
    {
        if (_lastGrowth is { } last && ReferenceEquals(last.From, shape) && ReferenceEquals(last.Key, key))
        {
            return last.To;
        }
        var to = shape.With(key);
        _lastGrowth = new Growth(shape, key, to);
        return to;
    }

    private void Forget(int row)
    {
        if (_timeKnown is not null && row < _timeKnown.Length)
        {
            _timeKnown[row] = false;
        }
    }

    private sealed record Found(string Key, Column? Column);

    private sealed record Growth(KeyShape From, string Key, KeyShape To);
}
