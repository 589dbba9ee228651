using System.Text;

namespace WideEvents.Shipper.Buffer;

/// <summary>
/// Turns source-id bytes back into strings without allocating a new string per record:
/// a buffer holds few distinct sources, read over and over.
/// </summary>
internal sealed class SourceIdCache
{
    private readonly Dictionary<int, string[]> _byHash = [];
    private byte[] _lastBytes = [];
    private string _last = "";

    public string Get(ReadOnlySpan<byte> utf8)
    {
        // Records of one source come in runs: the last id is the likeliest.
        if (utf8.SequenceEqual(_lastBytes))
        {
            return _last;
        }

        _last = Lookup(utf8);
        _lastBytes = utf8.ToArray();
        return _last;
    }

    private string Lookup(ReadOnlySpan<byte> utf8)
    {
        var hasher = new HashCode();
        hasher.AddBytes(utf8);
        int hash = hasher.ToHashCode();
        if (_byHash.TryGetValue(hash, out string[]? candidates))
        {
            foreach (string candidate in candidates)
            {
                if (Encoding.UTF8.GetByteCount(candidate) == utf8.Length && Matches(candidate, utf8))
                {
                    return candidate;
                }
            }
        }

        string created = Encoding.UTF8.GetString(utf8);
        _byHash[hash] = candidates is null ? [created] : [.. candidates, created];
        if (_byHash.Count > 100_000)
        {
            _byHash.Clear();
        }

        return created;
    }

    private static bool Matches(string candidate, ReadOnlySpan<byte> utf8)
    {
        Span<byte> scratch = utf8.Length <= 256 ? stackalloc byte[utf8.Length] : new byte[utf8.Length];
        Encoding.UTF8.GetBytes(candidate, scratch);
        return scratch.SequenceEqual(utf8);
    }
}
