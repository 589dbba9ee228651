using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Algebra;

/// <summary>
/// The record algebra as LINQ-friendly extension methods. Records are changed in place and the same
/// sequence is returned, so calls chain: <c>records.Widen("run", "r1").Relabel("a", "b")</c>.
/// </summary>
public static class RecordAlgebra
{
    /// <summary>Widen by constant: sets <paramref name="key"/> on records that lack it.</summary>
    public static IReadOnlyList<Record> Widen(this IReadOnlyList<Record> records, string key, Value value)
    {
        new WidenRule(key, value).Apply(records);
        return records;
    }

    /// <summary>Widen by function: sets every pair <paramref name="widen"/> returns for a record (overwriting).</summary>
    public static IReadOnlyList<Record> Widen(this IReadOnlyList<Record> records, Func<Record, IEnumerable<KeyValuePair<string, Value>>> widen)
    {
        foreach (var r in records)
        {
            foreach (var (k, v) in widen(r).ToList())
            {
                r.Set(k, v);
            }
        }
        return records;
    }

    /// <summary>Renames key <paramref name="from"/> to <paramref name="to"/> where <paramref name="to"/> is absent.</summary>
    public static IReadOnlyList<Record> Relabel(this IReadOnlyList<Record> records, string from, string to)
    {
        new RelabelRule(from, to, keepOriginal: false).Apply(records);
        return records;
    }

    /// <summary>Rewrites the values of <paramref name="key"/> by <paramref name="rewrite"/>.</summary>
    public static IReadOnlyList<Record> Rewrite(this IReadOnlyList<Record> records, string key, Func<Value, Value> rewrite)
    {
        new RewriteRule(key, rewrite).Apply(records);
        return records;
    }

    /// <summary>Applies <c>[keys] =&gt; implied</c> once; see <see cref="ImplicationRule"/>.</summary>
    public static RuleOutcome Imply(this IReadOnlyList<Record> records, IReadOnlyList<string> keys, string implied) =>
        new ImplicationRule(keys, implied).Apply(records);

    /// <summary>Applies a rule set to its fixpoint.</summary>
    public static RuleOutcome Apply(this IReadOnlyList<Record> records, RuleSet rules) => rules.Apply(records);

    /// <summary>Groups records by the canonical values of <paramref name="keys"/>; records lacking a key are left out.</summary>
    public static IEnumerable<RecordGroup> GroupByKeys(this IEnumerable<Record> records, params string[] keys)
    {
        if (keys.Length is > 0 and <= ColumnGrouping.MaxKeys)
        {
            return ColumnGrouping.ByKeys(records, keys);
        }
        var groups = new Dictionary<GroupKey, RecordGroup>();
        var order = new List<RecordGroup>();
        var scratch = new Value[keys.Length];
        foreach (var r in records)
        {
            if (!GroupKey.TryCreate(r, keys, scratch, out var key))
            {
                continue;
            }
            if (!groups.TryGetValue(key, out var g))
            {
                key = key.Copy();
                groups[key] = g = new RecordGroup(key.Values, []);
                order.Add(g);
            }
            g.Records.Add(r);
        }
        return order;
    }

    /// <summary>
    /// Inner join on <paramref name="keys"/> (canonical values): every pair of a left and a right
    /// record that agree on all the keys.
    /// </summary>
    public static IEnumerable<(Record Left, Record Right)> Join(this IEnumerable<Record> left, IEnumerable<Record> right, params string[] keys)
    {
        var index = new Dictionary<GroupKey, List<Record>>();
        foreach (var r in right)
        {
            if (GroupKey.TryCreate(r, keys, out var key))
            {
                if (!index.TryGetValue(key, out var list))
                {
                    index[key] = list = [];
                }
                list.Add(r);
            }
        }
        foreach (var l in left)
        {
            if (GroupKey.TryCreate(l, keys, out var key) && index.TryGetValue(key, out var matches))
            {
                foreach (var r in matches)
                {
                    yield return (l, r);
                }
            }
        }
    }

    /// <summary>Records whose canonical value of <paramref name="key"/> equals the canonical <paramref name="value"/>.</summary>
    public static IEnumerable<Record> WhereKey(this IEnumerable<Record> records, string key, Value value)
    {
        var c = value.Canonical();
        return records.Where(r => r.TryGet(key, out var v) && v.Canonical().Equals(c));
    }
}
