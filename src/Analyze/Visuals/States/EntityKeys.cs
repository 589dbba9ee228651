using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Visuals.States;

/// <summary>
/// The keys that name a task on a record, in the identifier spaces the loaders produce: Parsl's
/// (<c>parsl_dfk</c>, <c>parsl_task_id</c>), the record contract's (<c>run_id</c>, <c>task_id</c>),
/// and Work Queue's (<c>wq_manager_pid</c>, <c>wq_task_id</c>). The scope key is used when the record has it.
/// </summary>
internal static class EntityKeys
{
    private static readonly (string? Scope, string Id)[] Spaces = [("parsl_dfk", "parsl_task_id"), ("run_id", "task_id"), ("wq_manager_pid", "wq_task_id")];

    /// <summary>Every (scope, id) key set the index of records by entity is built over.</summary>
    public static IEnumerable<string[]> KeySets => Spaces.SelectMany(s => s.Scope is null ? new[] { new[] { s.Id } } : [[s.Scope, s.Id], [s.Id]]);

    /// <summary>The first identifier space the record has, as canonical key/value pairs; empty when none.</summary>
    public static List<KeyValuePair<string, string>> Of(Record r)
    {
        foreach (var (scope, id) in Spaces)
        {
            if (!r.TryGet(id, out var v) || v.IsNull)
            {
                continue;
            }
            var keys = new List<KeyValuePair<string, string>>(2);
            if (scope is not null && r.TryGet(scope, out var s) && !s.IsNull)
            {
                keys.Add(new(scope, s.Canonical().ToString()));
            }
            keys.Add(new(id, v.Canonical().ToString()));
            return keys;
        }
        return [];
    }

    /// <summary>The pairs joined as one lookup key.</summary>
    public static string Join(IEnumerable<KeyValuePair<string, string>> keys) => string.Join("\u0001", keys.Select(k => k.Key + "=" + k.Value));
}
