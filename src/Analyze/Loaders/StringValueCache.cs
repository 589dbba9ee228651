using System.Text;

namespace WideEvents.Analyze.Loaders;

/// <summary>
/// Shares the string of values that repeat under one key (thread names, levels, templates, ids
/// that recur on many records), saving an allocation per record. A key whose values rarely repeat
/// (times, unique messages) switches its cache off after a trial, so it costs only the trial.
/// </summary>
/// <remarks>
/// The first 4,096 distinct values are kept for the whole file (levels, thread names, templates).
/// Past those, a direct-mapped cache (a value's hash picks its one slot; a new value takes the slot
/// over) keeps the most recent values: the ids of a long run (a task's id on each of its records)
/// keep coming long after the first few thousand, and they repeat close together. Both are of
/// fixed size, whatever the file's length.
/// </remarks>
internal sealed class StringValueCache
{
    private const int Trial = 512;
    private const int MaxEntries = 4096;
    private const int Slots = 4096;
    private const int MaxLength = 128;

    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private string?[]? _recent;
    private int _lookups;
    private int _hits;
    private bool _off;

    public StringValueCache() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The string for these unescaped UTF-8 bytes, shared with an earlier equal value when the cache is on.</summary>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (_off || utf8.Length > MaxLength)
        {
            return Encoding.UTF8.GetString(utf8);
        }
        Span<char> chars = stackalloc char[MaxLength];
        var n = Encoding.UTF8.GetChars(utf8, chars);
        var span = chars[..n];
        _lookups++;
        if (_lookup.TryGetValue(span, out var existing))
        {
            _hits++;
            return existing;
        }
        string s;
        if (_strings.Count < MaxEntries)
        {
            s = span.ToString();
            _strings.Add(s, s);
        }
        else
        {
            var recent = _recent ??= new string?[Slots];
            var slot = string.GetHashCode(span) & (Slots - 1);
            if (recent[slot] is { } seen && span.SequenceEqual(seen))
            {
                _hits++;
                return seen;
            }
            recent[slot] = s = span.ToString();
        }
        if (_lookups == Trial && _hits * 2 < Trial)
        {
            _off = true;
            _strings.Clear();
            _recent = null;
        }
        return s;
    }
}
