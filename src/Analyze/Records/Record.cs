namespace WideEvents.Analyze.Records;

/// <summary>
/// One wide record: an ordered set of key/value properties plus the source it was read from.
/// Records are mutable and held by reference, so the algebra widens them in place.
/// </summary>
public sealed class Record
{
    // The keys live in a shape shared with every record that has the same keys in the same
    // order; the record owns only its values (with a little room to widen into).
    private KeyShape _shape;
    private Value[] _values;
    private double _time = double.NaN;
    private bool _timeKnown;

    /// <summary>An empty record read from <paramref name="source"/>.</summary>
    public Record(string source, int capacity = 8)
    {
        Source = source;
        _shape = KeyShape.Empty;
        _values = new Value[Math.Max(1, capacity)];
    }

    private Record(string source, KeyShape shape, Value[] values)
    {
        Source = source;
        _shape = shape;
        _values = values;
    }

    /// <summary>The shared key list; position i of it names <see cref="ValuesSpan"/>[i].</summary>
    internal KeyShape Shape => _shape;

    /// <summary>The values in key order, without the spare room.</summary>
    internal ReadOnlySpan<Value> ValuesSpan => _values.AsSpan(0, Count);

    /// <summary>Where the record came from: a file path, or a file path and a table name.</summary>
    public string Source { get; }

    /// <summary>How many properties the record has.</summary>
    public int Count => _shape.Keys.Length;

    /// <summary>The property keys in insertion order.</summary>
    public IEnumerable<string> Keys
    {
        get
        {
            // The shape at the time of the call: keys set while enumerating are not seen, as before.
            var keys = _shape.Keys;
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
            for (var i = 0; i < Count; i++)
            {
                yield return new(_shape.Keys[i], _values[i]);
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
    public bool Has(string key) => _shape.IndexOf(key) >= 0;

    /// <summary>Reads a property.</summary>
    public bool TryGet(string key, out Value value)
    {
        var i = _shape.IndexOf(key);
        if (i < 0)
        {
            value = default;
            return false;
        }
        value = _values[i];
        return true;
    }

    /// <summary>Sets (adds or replaces) a property.</summary>
    public void Set(string key, Value value)
    {
        _timeKnown = false;
        var i = _shape.IndexOf(key);
        if (i >= 0)
        {
            _values[i] = value;
            return;
        }
        AddInterned(KeyInterner.Intern(key), value);
    }

    /// <summary>Removes a property; false when it was absent.</summary>
    public bool Remove(string key)
    {
        var i = _shape.IndexOf(key);
        if (i < 0)
        {
            return false;
        }
        _timeKnown = false;
        var count = Count;
        Array.Copy(_values, i + 1, _values, i, count - i - 1);
        _values[count - 1] = default;
        _shape = _shape.Without(i);
        return true;
    }

    /// <summary>
    /// The event time in seconds since the Unix epoch (see <see cref="RecordViews.Time"/>), cached
    /// because reports sort by it many times; NaN when the record has no time.
    /// </summary>
    public double Time
    {
        get
        {
            if (!_timeKnown)
            {
                _time = TimeView.Read(this);
                _timeKnown = true;
            }
            return _time;
        }
    }

    /// <summary>A shallow copy with the same source.</summary>
    public Record Clone()
    {
        var values = new Value[Math.Max(1, Count)];
        Array.Copy(_values, values, Count);
        return new Record(Source, _shape, values);
    }

    /// <summary>A record from parsed properties, with room for <paramref name="slack"/> more so widening rarely reallocates.</summary>
    internal static Record FromParsed(string source, KeyShape shape, ReadOnlySpan<Value> values, int slack)
    {
        var own = new Value[values.Length + slack];
        values.CopyTo(own);
        return new Record(source, shape, own);
    }

    internal void AddInterned(string internedKey, Value value)
    {
        _timeKnown = false;
        var count = Count;
        if (count == _values.Length)
        {
            // Records grow by a few keys at a time (widening), so grow by a few slots, not by doubling.
            Array.Resize(ref _values, count + Math.Max(4, count / 4));
        }
        _values[count] = value;
        _shape = _shape.With(internedKey);
    }
}
