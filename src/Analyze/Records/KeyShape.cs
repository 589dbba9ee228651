namespace WideEvents.Analyze.Records;

/// <summary>
/// An ordered list of interned keys shared by every record with the same keys in the same order
/// (the "hidden class" of JavaScript engines). Records of one file nearly all repeat a handful of
/// key sequences, so a record holds one reference instead of its own key array, and adding a key
/// follows a cached transition instead of allocating.
/// </summary>
internal sealed class KeyShape
{
    // Above this many keys a lookup hashes once instead of comparing key by key.
    private const int LinearLimit = 12;

    private readonly Dictionary<string, KeyShape> _next = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private Dictionary<string, int>? _index;

    private KeyShape(string[] keys) => Keys = keys;

    /// <summary>The shape with no keys, the root every shape grows from.</summary>
    public static KeyShape Empty { get; } = new([]);

    /// <summary>The interned keys in insertion order.</summary>
    public string[] Keys { get; }

    /// <summary>This shape with <paramref name="internedKey"/> appended (which it must not already hold).</summary>
    public KeyShape With(string internedKey)
    {
        lock (_gate)
        {
            if (!_next.TryGetValue(internedKey, out var next))
            {
                var keys = new string[Keys.Length + 1];
                Keys.CopyTo(keys, 0);
                keys[^1] = internedKey;
                _next[internedKey] = next = new KeyShape(keys);
            }
            return next;
        }
    }

    /// <summary>
    /// The shape of exactly these interned keys; <paramref name="last"/> (the caller's previous
    /// answer) is tried first, as consecutive lines of a file usually have the same keys.
    /// </summary>
    public static KeyShape Of(ReadOnlySpan<string> internedKeys, KeyShape? last)
    {
        if (last is not null && SameKeys(last.Keys, internedKeys))
        {
            return last;
        }
        var shape = Empty;
        foreach (var key in internedKeys)
        {
            shape = shape.With(key);
        }
        return shape;
    }

    /// <summary>This shape without the key at <paramref name="position"/>.</summary>
    public KeyShape Without(int position)
    {
        var shape = Empty;
        for (var i = 0; i < Keys.Length; i++)
        {
            if (i != position)
            {
                shape = shape.With(Keys[i]);
            }
        }
        return shape;
    }

    /// <summary>The position of <paramref name="key"/>, or -1.</summary>
    public int IndexOf(string key)
    {
        var keys = Keys;
        if (keys.Length > LinearLimit)
        {
            return (_index ??= BuildIndex()).TryGetValue(key, out var at) ? at : -1;
        }
        // Keys read from files are interned, as are string literals in code: a reference match is the usual case.
        for (var i = 0; i < keys.Length; i++)
        {
            if (ReferenceEquals(keys[i], key))
            {
                return i;
            }
        }
        for (var i = 0; i < keys.Length; i++)
        {
            if (string.Equals(keys[i], key, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }

    private Dictionary<string, int> BuildIndex()
    {
        var index = new Dictionary<string, int>(Keys.Length, StringComparer.Ordinal);
        for (var i = 0; i < Keys.Length; i++)
        {
            index[Keys[i]] = i;
        }
        return index;
    }

    private static bool SameKeys(string[] keys, ReadOnlySpan<string> other)
    {
        if (keys.Length != other.Length)
        {
            return false;
        }
        for (var i = 0; i < keys.Length; i++)
        {
            if (!ReferenceEquals(keys[i], other[i]))
            {
                return false;
            }
        }
        return true;
    }
}
