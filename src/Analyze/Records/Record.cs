namespace WideEvents.Analyze.Records;

/// <summary>
/// One wide record: an ordered set of key/value properties plus the source it was read from.
/// Records are mutable and held by reference, so the algebra widens them in place.
/// </summary>
public sealed class Record
{
    private string[] _keys;
    private Value[] _values;
    private double _time = double.NaN;
    private bool _timeKnown;

    /// <summary>An empty record read from <paramref name="source"/>.</summary>
    public Record(string source, int capacity = 8)
    {
        Source = source;
        _keys = new string[Math.Max(1, capacity)];
        _values = new Value[_keys.Length];
    }

    /// <summary>Where the record came from: a file path, or a file path and a table name.</summary>
    public string Source { get; }

    /// <summary>How many properties the record has.</summary>
    public int Count { get; private set; }

    /// <summary>The property keys in insertion order.</summary>
    public IEnumerable<string> Keys
    {
        get
        {
            for (var i = 0; i < Count; i++)
            {
                yield return _keys[i];
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
                yield return new(_keys[i], _values[i]);
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
    public bool Has(string key) => IndexOf(key) >= 0;

    /// <summary>Reads a property.</summary>
    public bool TryGet(string key, out Value value)
    {
        var i = IndexOf(key);
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
        var i = IndexOf(key);
        if (i >= 0)
        {
            _values[i] = value;
            return;
        }
        if (Count == _keys.Length)
        {
            Grow();
        }
        _keys[Count] = KeyInterner.Intern(key);
        _values[Count] = value;
        Count++;
    }

    /// <summary>Removes a property; false when it was absent.</summary>
    public bool Remove(string key)
    {
        var i = IndexOf(key);
        if (i < 0)
        {
            return false;
        }
        _timeKnown = false;
        Array.Copy(_keys, i + 1, _keys, i, Count - i - 1);
        Array.Copy(_values, i + 1, _values, i, Count - i - 1);
        Count--;
        _keys[Count] = null!;
        _values[Count] = default;
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
        var copy = new Record(Source, Count);
        Array.Copy(_keys, copy._keys, Count);
        Array.Copy(_values, copy._values, Count);
        copy.Count = Count;
        return copy;
    }

    /// <summary>A record from parsed properties, with room for <paramref name="slack"/> more so widening rarely reallocates.</summary>
    internal static Record FromParsed(string source, ReadOnlySpan<string> keys, ReadOnlySpan<Value> values, int slack)
    {
        var r = new Record(source, keys.Length + slack);
        keys.CopyTo(r._keys);
        values.CopyTo(r._values);
        r.Count = keys.Length;
        return r;
    }

    internal void AddInterned(string internedKey, Value value)
    {
        if (Count == _keys.Length)
        {
            Grow();
        }
        _keys[Count] = internedKey;
        _values[Count] = value;
        Count++;
    }

    // Records grow by a few keys at a time (widening), so grow by a few slots, not by doubling.
    private void Grow()
    {
        var size = Count + Math.Max(4, Count / 4);
        Array.Resize(ref _keys, size);
        Array.Resize(ref _values, size);
    }

    private int IndexOf(string key)
    {
        var keys = _keys;
        for (var i = 0; i < Count; i++)
        {
            if (ReferenceEquals(keys[i], key))
            {
                return i;
            }
        }
        for (var i = 0; i < Count; i++)
        {
            if (string.Equals(keys[i], key, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }
}
