using System.Runtime.CompilerServices;
using System.Collections.Concurrent;
using WideEvents.Contracts.Records;

namespace WideEvents.Emit.Formatting;

/// <summary>
/// Property names as records write them (<c>@</c> at the start doubled, as CLEF requires),
/// encoded once per name: keys come from a program's own code, so they are few.
/// </summary>
internal static class ClefNames
{
    private const int MaxCached = 10_000;
    private static readonly ConcurrentDictionary<string, ClefName> Cache = new(StringComparer.Ordinal);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ClefName Of(string key)
    {
        if (Cache.TryGetValue(key, out var name))
        {
            return name;
        }

        name = new ClefName(RecordFormatter.EscapeKey(key));

        // Keys made from data (a dictionary's keys, say) must not grow the cache without end.
        return Cache.Count < MaxCached ? Cache.GetOrAdd(key, name) : name;
    }
}
