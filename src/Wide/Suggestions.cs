namespace WideEvents.Cli;

/// <summary>The known names closest to a misspelt one, for "did you mean" in error messages.</summary>
internal static class Suggestions
{
    /// <summary>
    /// Up to <paramref name="count"/> of <paramref name="known"/> that contain <paramref name="wanted"/>
    /// (or it them), or are a few edits away from it, closest first; ignoring case.
    /// </summary>
    public static IReadOnlyList<string> Similar(string wanted, IEnumerable<string> known, int count = 5)
    {
        var limit = Math.Max(2, wanted.Length / 3);
        return known
            .Select(k => (k, d: k.Contains(wanted, StringComparison.OrdinalIgnoreCase) || wanted.Contains(k, StringComparison.OrdinalIgnoreCase) ? 0 : Distance(wanted.ToLowerInvariant(), k.ToLowerInvariant())))
            .Where(x => x.d <= limit)
            .OrderBy(x => x.d).ThenBy(x => x.k, StringComparer.Ordinal)
            .Take(count)
            .Select(x => x.k)
            .ToList();
    }

    /// <summary>Levenshtein distance: insertions, deletions and substitutions.</summary>
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
