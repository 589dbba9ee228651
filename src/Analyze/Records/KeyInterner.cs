using System.Collections.Concurrent;

namespace WideEvents.Analyze.Records;

/// <summary>
/// Keys are shared by millions of records; interning them makes each record hold references only
/// and lets key lookups succeed on a reference comparison.
/// </summary>
internal static class KeyInterner
{
    private static readonly ConcurrentDictionary<string, string> Keys = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> SpanLookup =
        Keys.GetAlternateLookup<ReadOnlySpan<char>>();

    public static string Intern(string key) => Keys.GetOrAdd(key, key);

    public static string Intern(ReadOnlySpan<char> key)
    {
        if (SpanLookup.TryGetValue(key, out var existing))
        {
            return existing;
        }
        var s = key.ToString();
        return Keys.GetOrAdd(s, s);
    }
}
