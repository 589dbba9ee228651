using WideEvents.Analyze.Records;
using WideEvents.Analyze.Records.Columns;

namespace WideEvents.Analyze.Algebra;

/// <summary>
/// The groups of a list of records by the canonical ids of up to three keys: each record's group
/// number (-1 without all the keys) and each group's packed key, numbered in order of first record.
/// </summary>
internal sealed class Grouping
{
    public const int MaxKeys = 3;

    private Grouping(IReadOnlyList<string> keys, int[] groupOf, List<(long, int)> groupKeys)
    {
        Keys = keys;
        GroupOf = groupOf;
        GroupKeys = groupKeys;
    }

    public IReadOnlyList<string> Keys { get; }

    /// <summary>Per record, its group, or -1; may be longer than the list.</summary>
    public int[] GroupOf { get; }

    public List<(long, int)> GroupKeys { get; }

    /// <summary>Groups <paramref name="records"/> into <paramref name="groupOf"/> (at least as long as the list).</summary>
    public static Grouping Compute(IReadOnlyList<Record> records, IReadOnlyList<string> keys, CanonicalIds canonical, int[] groupOf)
    {
        var groups = new Dictionary<(long, int), int>();
        var groupKeys = new List<(long, int)>();
        var columns = new Column?[keys.Count];
        RecordStore? store = null;
        var complete = false;
        Span<int> ids = stackalloc int[MaxKeys];
        for (var i = 0; i < records.Count; i++)
        {
            groupOf[i] = -1;
            var r = records[i];
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
                groups[key] = g = groupKeys.Count;
                groupKeys.Add(key);
            }
            groupOf[i] = g;
        }
        return new Grouping(keys, groupOf, groupKeys);
    }

    /// <summary>The canonical ids a packed group key holds.</summary>
    public int[] Ids(int group)
    {
        var (packed, third) = GroupKeys[group];
        int[] ids = [(int)(packed >> 32), (int)packed, third];
        return ids[..Keys.Count];
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
