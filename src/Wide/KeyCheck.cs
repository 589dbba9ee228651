using WideEvents.Analyze.Records;

namespace WideEvents.Cli;

/// <summary>Turns a misspelt or absent key into an error that names the keys that do exist.</summary>
internal static class KeyCheck
{
    public static void RequireKeys(IReadOnlyList<Record> records, IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            if (records.Any(r => r.Has(key)))
            {
                continue;
            }
            var known = records.SelectMany(r => r.Keys).Distinct(StringComparer.Ordinal).ToList();
            var similar = known.Where(k => k.Contains(key, StringComparison.OrdinalIgnoreCase) || key.Contains(k, StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal).Take(10).ToList();
            throw new CommandException(similar.Count > 0
                ? $"no record has the key '{key}'; similar keys: {string.Join(", ", similar)}"
                : $"no record has the key '{key}'");
        }
    }
}
