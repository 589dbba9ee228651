using WideEvents.Analyze.Loaders;
using WideEvents.Analyze.Records;

namespace WideEvents.Cli.Lint;

/// <summary>Checks loaded records against lint rules, in file order.</summary>
internal static class Linter
{
    public static List<LintViolation> Check(LoadResult loaded, IReadOnlyList<LintRule> rules)
    {
        var violations = new List<LintViolation>();
        var formats = loaded.Files.ToDictionary(f => f.Path, f => f.Format, StringComparer.Ordinal);
        var lines = new Dictionary<string, List<(int Line, long Bytes)>>(StringComparer.Ordinal);
        var ordinal = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var record in loaded.Records)
        {
            var n = ordinal[record.Source] = ordinal.GetValueOrDefault(record.Source) + 1;
            string? template = null;
            var templateRead = false;
            foreach (var rule in rules)
            {
                if (!rule.When.All(record.Has))
                {
                    continue;
                }
                if (rule.Template is not null)
                {
                    if (!templateRead)
                    {
                        template = record.Template();
                        templateRead = true;
                    }
                    if (template != rule.Template)
                    {
                        continue;
                    }
                }
                var missing = rule.Requires.Where(k => !record.Has(k)).ToList();
                if (missing.Count == 0)
                {
                    continue;
                }
                if (!lines.TryGetValue(record.Source, out var numbers))
                {
                    numbers = lines[record.Source] = formats.TryGetValue(record.Source, out var format) ? RecordLines.Of(record.Source, format) : [];
                }
                violations.Add(new LintViolation(record.Source, n <= numbers.Count ? numbers[n - 1].Line : n, templateRead ? template : record.Template(), rule, missing));
            }
        }
        return violations;
    }
}
