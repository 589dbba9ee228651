using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Reports;

/// <summary>
/// Span durations by name, from the contract's <c>span_event</c> start/end pairs (matched by
/// <c>span_id</c>), from the prototype's <c>wrap_with_logs</c> records ("Starting %s" / "Normal
/// ending for %s" / "Exceptional ending for %s", matched by <c>wrap_id</c>), and from its
/// LexicalSpan messages <c>X: start</c> / <c>X: end</c>, which have no id and are matched
/// innermost-first within the same file, process, thread and task.
/// </summary>
public static class SpanReport
{
    /// <summary>Pairs starts with ends and summarises durations per span name.</summary>
    public static IReadOnlyList<SpanStats> Build(IEnumerable<Record> records)
    {
        var (spans, unmatched) = SpanPairing.Find(records);
        var durations = spans.GroupBy(s => s.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var missing = unmatched.GroupBy(n => n, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return durations.Keys.Union(missing.Keys)
            .Select(name =>
            {
                var list = durations.GetValueOrDefault(name) ?? [];
                var d = list.Select(s => s.Duration).ToList();
                return new SpanStats(name, d.Count, list.Count(s => s.Failed), missing.GetValueOrDefault(name),
                    Statistics.Mean(d), Statistics.Percentile(d, 50), Statistics.Percentile(d, 95), d.Count == 0 ? double.NaN : d.Max());
            })
            .OrderByDescending(s => s.Count).ThenBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
    }
}
