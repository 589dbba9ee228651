using WideEvents.Analyze.Records;
using WideEvents.Analyze.Records.Columns;

namespace WideEvents.Analyze.Algebra;

/// <summary>
/// <see cref="ImplicationRule"/> over columns: a group is up to three canonical ids packed in one
/// key, a row's group and state are ints, and the implied value is copied cell to cell, so no
/// record object, value array or string is made per row.
/// </summary>
internal sealed class ColumnImplication(ImplicationRule rule)
{
    public const int MaxKeys = 3;

    private readonly CanonicalIds _canonical = new();
    private readonly List<int> _firstValue = [];
    private readonly List<int> _example = [];
    private readonly Dictionary<int, List<(int Canonical, int Example)>> _more = [];
    private RecordStore? _store;
    private readonly Column?[] _keys = new Column?[MaxKeys];
    private Column? _implied;

    public RuleOutcome Apply(IReadOnlyList<Record> records)
    {
        // Per record: its group when it lacks the implied key, else -1.
        // Pooled: a rule set runs this a dozen times over a million records, and each array would be
        // left on the large object heap until a full collection.
        var missing = System.Buffers.ArrayPool<int>.Shared.Rent(records.Count);
        try
        {
            return Apply(records, missing);
        }
        finally
        {
            System.Buffers.ArrayPool<int>.Shared.Return(missing);
        }
    }

    private RuleOutcome Apply(IReadOnlyList<Record> records, int[] missing)
    {
        var keys = rule.Keys;
        var groups = new Dictionary<(long, int), int>();
        Span<int> ids = stackalloc int[MaxKeys];
        for (var i = 0; i < records.Count; i++)
        {
            missing[i] = -1;
            var r = records[i];
            if (!Resolve(r.Store))
            {
                continue;
            }
            var row = r.Row;
            var complete = true;
            for (var k = 0; k < keys.Count && complete; k++)
            {
                ids[k] = _keys[k] is { } column ? _canonical.Of(column, row) : -1;
                complete = ids[k] >= 0;
            }
            if (!complete)
            {
                continue;
            }
            var key = (((long)ids[0] << 32) | (uint)(keys.Count > 1 ? ids[1] : 0), keys.Count > 2 ? ids[2] : 0);
            if (!groups.TryGetValue(key, out var g))
            {
                groups[key] = g = _firstValue.Count;
                _firstValue.Add(-1);
                _example.Add(-1);
            }
            var value = _implied is null ? -1 : _canonical.Of(_implied, row);
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
        foreach (var ((packed, third), g) in groups)
        {
            if (_more.TryGetValue(g, out var list))
            {
                conflicts.Add(Conflict(records, GroupText(packed, third), [(_firstValue[g], _example[g]), .. list]));
            }
        }
        long changed = 0;
        for (var i = 0; i < records.Count; i++)
        {
            var g = missing[i];
            if (g < 0 || _firstValue[g] < 0 || _more.ContainsKey(g))
            {
                continue;
            }
            var example = records[_example[g]];
            var r = records[i];
            r.Store.Copy(r.Row, r.Store.ColumnFor(KeyInterner.Intern(rule.Implied)), example.Store.Find(rule.Implied)!, example.Row);
            changed++;
        }
        return new RuleOutcome(changed, conflicts);
    }

    // The columns of this store for the rule's keys; false when the store lacks one of them.
    private bool Resolve(RecordStore store)
    {
        if (ReferenceEquals(store, _store))
        {
            return _keys[0] is not null;
        }
        _store = store;
        var all = true;
        for (var k = 0; k < rule.Keys.Count; k++)
        {
            _keys[k] = store.Find(rule.Keys[k]);
            all &= _keys[k] is not null;
        }
        _implied = store.Find(rule.Implied);
        if (!all)
        {
            _keys[0] = null;
        }
        return all;
    }

    private string GroupText(long packed, int third)
    {
        int[] ids = [(int)(packed >> 32), (int)packed, third];
        return string.Join(", ", ids.Take(rule.Keys.Count).Select(id => _canonical[id].ToString()));
    }

    private Conflict Conflict(IReadOnlyList<Record> records, string group, List<(int Canonical, int Example)> values) =>
        new(rule.ToString(), group,
            values.Select(v => records[v.Example][rule.Implied].ToString()).ToList(),
            values.Select(v => $"{records[v.Example].Source}: {records[v.Example].Message()}").ToList());
}
