using WideEvents.Analyze.Records;
using WideEvents.Analyze.Records.Columns;

namespace WideEvents.Analyze.Algebra;

/// <summary>
/// <see cref="RecordAlgebra.GroupByKeys"/> over columns for up to three keys: a record's group is
/// found from the canonical ids of its cells (ints), not from an array of canonical values.
/// </summary>
internal static class ColumnGrouping
{
    public const int MaxKeys = 3;

    public static List<RecordGroup> ByKeys(IEnumerable<Record> records, IReadOnlyList<string> keys)
    {
        var canonical = new CanonicalIds();
        var groups = new Dictionary<(long, int), RecordGroup>();
        var order = new List<RecordGroup>();
        var columns = new Column?[keys.Count];
        RecordStore? store = null;
        var complete = false;
        Span<int> ids = stackalloc int[MaxKeys];
        foreach (var r in records)
        {
            if (!ReferenceEquals(r.Store, store))
            {
                store = r.Store;
                complete = true;
                for (var k = 0; k < keys.Count; k++)
                {
                    columns[k] = store.Find(keys[k]);
                    complete &= columns[k] is not null;
                }
            }
            if (!complete || !Ids(canonical, columns, r.Row, ids))
            {
                continue;
            }
            var key = (((long)ids[0] << 32) | (uint)(keys.Count > 1 ? ids[1] : 0), keys.Count > 2 ? ids[2] : 0);
            if (!groups.TryGetValue(key, out var g))
            {
                var values = new Value[keys.Count];
                for (var k = 0; k < values.Length; k++)
                {
                    values[k] = canonical[ids[k]];
                }
                groups[key] = g = new RecordGroup(values, []);
                order.Add(g);
            }
            g.Records.Add(r);
        }
        return order;
    }

    private static bool Ids(CanonicalIds canonical, Column?[] columns, int row, Span<int> ids)
    {
        for (var k = 0; k < columns.Length; k++)
        {
            ids[k] = canonical.Of(columns[k]!, row);
            if (ids[k] < 0)
            {
                return false;
            }
        }
        return true;
    }
}
