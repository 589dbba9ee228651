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

    // The CLR's pool too, so keys read from files are the same objects as string literals in
    // code (r["parsl_task_id"]) and lookups match on the first, reference-only loop.
    public static string Intern(string key) => Keys.GetOrAdd(key, static k => string.Intern(k));

    public static string Intern(ReadOnlySpan<char> key)
    {
        if (SpanLookup.TryGetValue(key, out var existing))
        {
            return existing;
        }
        var s = key.ToString();
        return Keys.GetOrAdd(s, static k => string.Intern(k));
    }
}
