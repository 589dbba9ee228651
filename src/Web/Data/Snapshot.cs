using WideEvents.Analyze.Records;
using WideEvents.Analyze.Visuals.States;

namespace WideEvents.Web.Data;

/// <summary>The records at one version, with what the pages derive from them computed once, on first use.</summary>
internal sealed class Snapshot(long version, Record[] records)
{
    private readonly Lazy<IReadOnlyList<EntityStateHistory>> _entities = new(() => EntityStates.Build(records));
    private readonly Lazy<Dictionary<string, List<Record>>> _byEntity = new(() => IndexEntities(records));

    public long Version => version;

    public Record[] Records => records;

    public IReadOnlyList<EntityStateHistory> Entities => _entities.Value;

    public static string Id(EntityStateHistory h) => h.Lifecycle + "|" + h.Entity;

    /// <summary>The records of an entity: those carrying every one of its keys.</summary>
    public List<Record> RecordsOf(EntityStateHistory h) =>
        h.Keys.Count == 0 ? [] : _byEntity.Value.GetValueOrDefault(EntityKeys.Join(h.Keys)) ?? [];

    private static Dictionary<string, List<Record>> IndexEntities(Record[] records)
    {
        var keySets = EntityKeys.KeySets.ToList();
        var index = new Dictionary<string, List<Record>>(StringComparer.Ordinal);
        foreach (var r in records)
        {
            foreach (var keys in keySets)
            {
                if (keys.All(r.Has))
                {
                    var key = EntityKeys.Join(keys.Select(k => new KeyValuePair<string, string>(k, r[k].Canonical().ToString())));
                    if (!index.TryGetValue(key, out var list))
                    {
                        index[key] = list = [];
                    }
                    list.Add(r);
                }
            }
        }
        return index;
    }
}
