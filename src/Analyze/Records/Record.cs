using WideEvents.Analyze.Records.Columns;

namespace WideEvents.Analyze.Records;

/// <summary>
/// One wide record: an ordered set of key/value properties plus the source it was read from.
/// Records are mutable and held by reference, so the algebra widens them in place.
/// </summary>
/// <remarks>
/// A record is a view of one row of a column store: its values live in per-key columns shared
/// with the other records of its file, so a million records cost their values, not a million
/// value arrays.
/// </remarks>
public sealed class Record
{
    private readonly RecordStore _store;
    private readonly int _row;

    /// <summary>An empty record read from <paramref name="source"/>.</summary>
    /// <param name="source">Where the record came from.</param>
    /// <param name="capacity">Ignored: a record's values live in columns (kept for source compatibility).</param>
    public Record(string source, int capacity = 8)
    {
        _ = capacity;
        (_store, _row) = RecordStore.NewLoose(source);
    }

    internal Record(RecordStore store, int row)
    {
        _store = store;
        _row = row;
    }

    /// <summary>The store holding the record's values.</summary>
    internal RecordStore Store => _store;

    /// <summary>The record's row in <see cref="Store"/>.</summary>
    internal int Row => _row;

    /// <summary>The shared key list, in insertion order.</summary>
    internal KeyShape Shape => _store.ShapeOf(_row);

    /// <summary>Where the record came from: a file path, or a file path and a table name.</summary>
    public string Source => _store.SourceOf(_row);

    /// <summary>How many properties the record has.</summary>
    public int Count => Shape.Keys.Length;

    /// <summary>The property keys in insertion order.</summary>
    public IEnumerable<string> Keys
    {
        get
        {
            // The shape at the time of the call: keys set while enumerating are not seen, as before.
            var keys = Shape.Keys;
            for (var i = 0; i < keys.Length; i++)
            {
                yield return keys[i];
            }
        }
    }

    /// <summary>The properties in insertion order.</summary>
    public IEnumerable<KeyValuePair<string, Value>> Properties
    {
        get
        {
            var keys = Shape.Keys;
            for (var i = 0; i < keys.Length; i++)
            {
                yield return new(keys[i], _store.TryGet(_row, keys[i], out var v) ? v : Value.Null);
            }
        }
    }

    /// <summary>The value of <paramref name="key"/>, or <see cref="Value.Null"/> when absent.</summary>
    public Value this[string key]
    {
        get => TryGet(key, out var v) ? v : Value.Null;
        set => Set(key, value);
    }

    /// <summary>True when the record has <paramref name="key"/> (even with a null value).</summary>
    public bool Has(string key) => _store.Has(_row, key);

    /// <summary>Reads a property.</summary>
    public bool TryGet(string key, out Value value) => _store.TryGet(_row, key, out value);

    /// <summary>Sets (adds or replaces) a property.</summary>
    public void Set(string key, Value value) => _store.Set(_row, key, value);

    /// <summary>Removes a property; false when it was absent.</summary>
    public bool Remove(string key) => _store.Remove(_row, key);

    /// <summary>
    /// The event time in seconds since the Unix epoch (see <see cref="RecordViews.Time"/>), cached
    /// because reports sort by it many times; NaN when the record has no time.
    /// </summary>
    public double Time => _store.TimeOf(_row);

    /// <summary>A shallow copy with the same source.</summary>
    public Record Clone() => new(_store, _store.CloneRow(_row));

    /// <summary>The values in key order, made for the call (for writers that walk every property).</summary>
    internal ReadOnlySpan<Value> ValuesSpan
    {
        get
        {
            var keys = Shape.Keys;
            var values = new Value[keys.Length];
            for (var i = 0; i < keys.Length; i++)
            {
                values[i] = _store.TryGet(_row, keys[i], out var v) ? v : Value.Null;
            }
            return values;
        }
    }
}
