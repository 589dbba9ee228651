using WideEvents.Analyze.Records;

namespace WideEvents.Web.Data;

/// <summary>
/// The trees the UI narrows down by: run → task → try, and run → executor → block → manager →
/// worker. Each level is the first of its candidate keys the records have; levels no record has
/// are left out.
/// </summary>
internal static class Hierarchy
{
    private static readonly string[][] Run = [["parsl_dfk", "run_id", "run"]];
    private static readonly string[][] Tasks = [.. Run, ["parsl_task_id", "task_id", "wq_task_id"], ["parsl_try_id", "try_id", "wq_attempt"]];
    private static readonly string[][] Resources = [.. Run, ["parsl_executor", "executor", "executor_label"], ["block", "block_id"], ["manager", "manager_id"], ["worker", "worker_id"]];

    public const int MaxChildren = 500;

    public static List<HierarchyTree> Build(IReadOnlyList<Record> records)
    {
        var trees = new List<HierarchyTree>();
        foreach (var (name, levels) in new[] { ("tasks", Tasks), ("resources", Resources) })
        {
            var keys = levels.Select(candidates => candidates.FirstOrDefault(k => records.Any(r => r.Has(k)))).OfType<string>().ToList();
            if (keys.Count(k => !Run[0].Contains(k)) == 0)
            {
                continue;
            }
            var top = Nodes(records, keys, 0, out var hidden);
            trees.Add(new HierarchyTree(name, keys, top, hidden));
        }
        return trees;
    }

    private static List<HierarchyNode> Nodes(IEnumerable<Record> records, List<string> keys, int level, out int hidden)
    {
        hidden = 0;
        if (level == keys.Count)
        {
            return [];
        }
        var key = keys[level];
        var groups = records.Where(r => r.TryGet(key, out var v) && !v.IsNull)
            .GroupBy(r => r[key].Canonical().ToString(), StringComparer.Ordinal)
            .OrderBy(g => g.Key.Length).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        hidden = Math.Max(0, groups.Count - MaxChildren);
        return groups.Take(MaxChildren)
            .Select(g =>
            {
                var children = Nodes(g, keys, level + 1, out var more);
                return new HierarchyNode(key, g.Key, g.Count(), children, more);
            })
            .ToList();
    }
}
