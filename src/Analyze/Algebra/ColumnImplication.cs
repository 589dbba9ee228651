using WideEvents.Analyze.Records;
using WideEvents.Analyze.Records.Columns;

namespace WideEvents.Analyze.Algebra;

/// <summary>
/// <see cref="ImplicationRule"/> over columns: a group is up to three canonical ids packed in one
/// key, a row's group and state are ints, and the implied value is copied cell to cell, so no
/// record object, value array or string is made per row.
/// </summary>
internal sealed class ColumnImplication(ImplicationRule rule, RuleGroupings? groupings)
{
    public const int MaxKeys = Grouping.MaxKeys;

    private readonly CanonicalIds _canonical = groupings?.Canonical ?? new();
    private readonly List<int> _firstValue = [];
    private readonly List<int> _example = [];
    private readonly Dictionary<int, List<(int Canonical, int Example)>> _more = [];

    public RuleOutcome Apply(IReadOnlyList<Record> records)
    {
        // Pooled: a rule set runs this a dozen times over a million records, and each array would be
        // left on the large object heap until a full collection.
        var missing = System.Buffers.ArrayPool<int>.Shared.Rent(records.Count);
        var own = groupings is null ? System.Buffers.ArrayPool<int>.Shared.Rent(records.Count) : null;
        try
        {
            var grouping = groupings?.For(rule.Keys) ?? Grouping.Compute(records, rule.Keys, _canonical, own!);
            return Apply(records, grouping, missing);
        }
        finally
        {
            System.Buffers.ArrayPool<int>.Shared.Return(missing);
            if (own is not null)
            {
                System.Buffers.ArrayPool<int>.Shared.Return(own);
            }
        }
    }

    // missing: per record, its group when it lacks the implied key, else -1.
    private RuleOutcome Apply(IReadOnlyList<Record> records, Grouping grouping, int[] missing)
    {
        var groupOf = grouping.GroupOf;
        for (var g = 0; g < grouping.GroupKeys.Count; g++)
        {
            _firstValue.Add(-1);
            _example.Add(-1);
        }
        RecordStore? store = null;
        Column? implied = null;
        for (var i = 0; i < records.Count; i++)
        {
            missing[i] = -1;
            var g = groupOf[i];
            if (g < 0)
            {
                continue;
            }
            var r = records[i];
            if (!ReferenceEquals(r.Store, store))
            {
                store = r.Store;
                implied = store.Find(rule.Implied);
            }
            var value = implied is null ? -1 : _canonical.Of(implied, r.Row);
            if (value < 0)
            {
                missing[i] = g;
            }
            else if (_firstValue[g] < 0)
            {
                _firstValue[g] = value;
                _example[g] = i;
            }
            else if (_firstValue[g] != value)
            {
                if (!_more.TryGetValue(g, out var list))
                {
                    _more[g] = list = [];
                }
                if (!list.Exists(v => v.Canonical == value))
                {
                    list.Add((value, i));
                }
            }
        }
        var conflicts = new List<Conflict>();
        for (var g = 0; g < grouping.GroupKeys.Count; g++)
        {
            if (_more.TryGetValue(g, out var list))
            {
                conflicts.Add(Conflict(records, string.Join(", ", grouping.Ids(g).Select(id => _canonical[id].ToString())), [(_firstValue[g], _example[g]), .. list]));
            }
        }
        long changed = 0;
        var key = KeyInterner.Intern(rule.Implied);
        Column? target = null;
        store = null;
        for (var i = 0; i < records.Count; i++)
        {
            var g = missing[i];
            if (g < 0 || _firstValue[g] < 0 || _more.ContainsKey(g))
            {
                continue;
            }
            var example = records[_example[g]];
            var r = records[i];
            if (!ReferenceEquals(r.Store, store))
            {
                store = r.Store;
                target = store.ColumnFor(key);
            }
            store.Copy(r.Row, target!, example.Store.Find(key)!, example.Row);
            changed++;
        }
        return new RuleOutcome(changed, conflicts);
    }

    private Conflict Conflict(IReadOnlyList<Record> records, string group, List<(int Canonical, int Example)> values) =>
        new(rule.ToString(), group,
            values.Select(v => records[v.Example][rule.Implied].ToString()).ToList(),
            values.Select(v => $"{records[v.Example].Source}: {records[v.Example].Message()}").ToList());
}
