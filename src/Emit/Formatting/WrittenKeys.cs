using System.Runtime.CompilerServices;

namespace WideEvents.Emit.Formatting;

/// <summary>
/// The property names already written to the record being formatted. The first writer of a
/// name wins (the event's own arguments, then its span, bound object, scopes, process fields,
/// ambient fields), so a record never carries a key twice. Each name comes with a bit of a
/// 64-bit filter (its hash, computed once where the name is cached): a name whose bit is not
/// set yet is new without comparing strings, so the usual record pays one AND per key.
/// </summary>
internal struct WrittenKeys
{
    private string[] _keys;
    private int _count;
    private ulong _filter;

    public WrittenKeys()
    {
        _keys = new string[32];
        _count = 0;
    }

    public readonly int Count => _count;

    /// <summary>The filter bit of a key name; cache it with the name.</summary>
    public static ulong BitOf(string key) => 1UL << (key.GetHashCode() & 63);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Clear()
    {
        _count = 0;
        _filter = 0;
    }

    public readonly bool Contains(string key) => Contains(key, BitOf(key));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public readonly bool Contains(string key, ulong bit)
    {
        if ((_filter & bit) == 0)
        {
            return false;
        }

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
    public bool TryAdd(string key) => TryAdd(key, BitOf(key));

    /// <summary>As <see cref="TryAdd(string)"/>, with the key's cached filter bit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryAdd(string key, ulong bit)
    {
        if (Contains(key, bit))
        {
            return false;
        }

        if (_count == _keys.Length)
        {
            Array.Resize(ref _keys, _keys.Length * 2);
        }

        _keys[_count++] = key;
        _filter |= bit;
        return true;
    }
}
