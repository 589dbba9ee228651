using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Algebra;

/// <summary>
/// <see cref="RecordAlgebra.GroupByKeys"/> over columns for up to three keys: a record's group is
/// found from the canonical ids of its cells (ints, <see cref="Grouping"/>), not from an array of
/// canonical values.
/// </summary>
internal static class ColumnGrouping
{
    public const int MaxKeys = Grouping.MaxKeys;

    public static List<RecordGroup> ByKeys(IEnumerable<Record> records, IReadOnlyList<string> keys)
    {
        var list = records as IReadOnlyList<Record> ?? [.. records];
        var canonical = new CanonicalIds();
        var grouping = Grouping.Compute(list, keys, canonical, new int[list.Count]);
        var groups = new List<RecordGroup>(grouping.GroupKeys.Count);
        for (var g = 0; g < grouping.GroupKeys.Count; g++)
        {
            var ids = grouping.Ids(g);
            var values = new Value[keys.Count];
            for (var k = 0; k < values.Length; k++)
            {
                values[k] = canonical[ids[k]];
            }

            groups.Add(new RecordGroup(values, []));
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (grouping.GroupOf[i] >= 0)
            {
                groups[grouping.GroupOf[i]].Records.Add(list[i]);
            }
        }

        return groups;
    }
}
