namespace WideEvents.Emit.Formatting;

/// <summary>
/// The property names already written to the record being formatted. The first writer of a
/// name wins (the event's own arguments, then its span, bound object, scopes, process fields,
/// ambient fields), so a record never carries a key twice. Records are small, so a linear scan
/// beats hashing every key.
/// </summary>
internal struct WrittenKeys
{
    private string[] _keys;
    private int _count;

    public WrittenKeys()
    {
        _keys = new string[32];
        _count = 0;
    }

    public readonly int Count => _count;

    public void Clear() => _count = 0;

    public readonly bool Contains(string key)
    {
        var keys = _keys;
        for (var i = 0; i < _count; i++)
        {
            var k = keys[i];
            if (ReferenceEquals(k, key) || string.Equals(k, key, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Adds the key and returns true, or returns false when it is already there.</summary>
    public bool TryAdd(string key)
    {
        if (Contains(key))
        {
            return false;
        }

        if (_count == _keys.Length)
        {
            Array.Resize(ref _keys, _keys.Length * 2);
        }

        _keys[_count++] = key;
        return true;
    }
}
