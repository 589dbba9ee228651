using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Algebra;

/// <summary>
/// What a <see cref="RuleSet"/> run keeps between its implication rules: the canonical ids (a
/// value's id never changes) and the last grouping, reused by the next rule on the same keys
/// (<c>[dfk, executor, executor_id] =&gt; task_id</c>, then <c>=&gt; try_id</c>) until a rule
/// changes one of those keys.
/// </summary>
internal sealed class RuleGroupings(IReadOnlyList<Record> records)
{
    private Grouping? _last;
    private int[]? _groupOf;

    public CanonicalIds Canonical { get; } = new();

    public Grouping For(IReadOnlyList<string> keys)
    {
        if (_last is not null && _last.Keys.SequenceEqual(keys, StringComparer.Ordinal))
        {
            return _last;
        }
        _groupOf ??= new int[records.Count];
        return _last = Grouping.Compute(records, keys, Canonical, _groupOf);
    }

    /// <summary>A rule changed these keys (null: any key): a grouping on one of them is stale.</summary>
    public void Changed(IReadOnlyCollection<string>? writes)
    {
        if (_last is not null && (writes is null || _last.Keys.Any(writes.Contains)))
        {
            _last = null;
        }
    }
}
