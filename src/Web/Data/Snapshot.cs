using WideEvents.Analyze.Records;
using WideEvents.Analyze.Reports;
using WideEvents.Analyze.Visuals.States;

namespace WideEvents.Web.Data;

/// <summary>The records at one version, with what the pages derive from them computed once, on first use.</summary>
internal sealed class Snapshot
{
    private readonly Lazy<IReadOnlyList<EntityStateHistory>> _entities;
    private readonly Lazy<Dictionary<string, List<Record>>> _byEntity;
    private readonly Lazy<List<HierarchyTree>> _trees;
    private readonly Lazy<(double Origin, double End)> _span;
    private readonly long _version;
    private readonly Record[] _records;

    public Snapshot(long version, Record[] records, IReadOnlyList<Lifecycle> lifecycles)
    {
        _version = version;
        _records = records;
        _entities = new(() => EntityStates.Build(records, null, lifecycles));
        _byEntity = new(() => IndexEntities(records, _entities.Value));
        _trees = new(() => Hierarchy.Build(records));
        _span = new(() => TimeSpanOf(records));
    }

    public long Version => _version;

    public Record[] Records => _records;

    public IReadOnlyList<EntityStateHistory> Entities => _entities.Value;

    public List<HierarchyTree> Trees => _trees.Value;

    /// <summary>The first and last record times (0, 0 when no record has a time).</summary>
    public (double Origin, double End) Span => _span.Value;

    public static string Id(EntityStateHistory h) => h.Lifecycle + "|" + h.Entity;

    /// <summary>The records of an entity: those carrying every one of its keys.</summary>
    public List<Record> RecordsOf(EntityStateHistory h) =>
        h.Keys.Count == 0 ? [] : _byEntity.Value.GetValueOrDefault(Join(h.Keys)) ?? [];

    private static (double, double) TimeSpanOf(Record[] records)
    {
        var (min, max) = (double.PositiveInfinity, double.NegativeInfinity);
        foreach (var r in records)
        {
            if (!double.IsNaN(r.Time))
            {
                (min, max) = (Math.Min(min, r.Time), Math.Max(max, r.Time));
            }
        }
        return double.IsInfinity(min) ? (0, 0) : (min, max);
    }

    private static string Join(IEnumerable<KeyValuePair<string, string>> keys) => string.Join("\u0001", keys.Select(k => k.Key + "=" + k.Value));

    // Indexed over the key sets that name the entities found (EntityStateHistory.Keys), so the
    // records of an entity are those carrying every one of its keys.
    private static Dictionary<string, List<Record>> IndexEntities(Record[] records, IReadOnlyList<EntityStateHistory> entities)
    {
        var keySets = entities.Where(h => h.Keys.Count > 0).Select(h => h.Keys.Select(k => k.Key).ToArray())
            .DistinctBy(k => string.Join("\u0001", k), StringComparer.Ordinal).ToList();
        var index = new Dictionary<string, List<Record>>(StringComparer.Ordinal);
        foreach (var r in records)
        {
            foreach (var keys in keySets)
            {
                if (keys.All(r.Has))
                {
                    var key = Join(keys.Select(k => new KeyValuePair<string, string>(k, r[k].Canonical().ToString())));
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
