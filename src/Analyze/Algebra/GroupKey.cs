using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Algebra;

/// <summary>The canonical values of a record's grouping keys, compared element by element.</summary>
internal readonly struct GroupKey : IEquatable<GroupKey>
{
    private readonly Value[] _values;
    private readonly int _hash;

    private GroupKey(Value[] values)
    {
        _values = values;
        var h = new HashCode();
        foreach (var v in values)
        {
            h.Add(v);
        }
        _hash = h.ToHashCode();
    }

    public IReadOnlyList<Value> Values => _values;

    public GroupKey Copy() => new((Value[])_values.Clone());

    /// <summary>The key of <paramref name="record"/>, or false when it lacks one of the keys (or holds null).</summary>
    public static bool TryCreate(Record record, IReadOnlyList<string> keys, out GroupKey key) =>
        TryCreate(record, keys, new Value[keys.Count], out key);

    /// <summary>
    /// As <see cref="TryCreate(Record, IReadOnlyList{string}, out GroupKey)"/> but into a caller's
    /// scratch array, so a lookup allocates nothing; <see cref="Copy"/> before storing the key.
    /// </summary>
    public static bool TryCreate(Record record, IReadOnlyList<string> keys, Value[] values, out GroupKey key)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!record.TryGet(keys[i], out var v) || v.IsNull)
            {
                key = default;
                return false;
            }
            values[i] = v.Canonical();
        }
        key = new GroupKey(values);
        return true;
    }

    public bool Equals(GroupKey other)
    {
        if (_hash != other._hash || _values.Length != other._values.Length)
        {
            return false;
        }
        for (var i = 0; i < _values.Length; i++)
        {
            if (!_values[i].Equals(other._values[i]))
            {
                return false;
            }
        }
        return true;
    }

    public override bool Equals(object? obj) => obj is GroupKey k && Equals(k);

    public override int GetHashCode() => _hash;

    public override string ToString() => string.Join(", ", _values.Select(v => v.ToString()));
}
