using System.Globalization;
using WideEvents.Analyze.Records;
using WideEvents.Analyze.Visuals.States;

namespace WideEvents.Web.Data;

/// <summary>
/// "What is different about these?" (after Honeycomb's BubbleUp): for every field, the values of
/// the selected entities against the rest, scored by the total variation distance between the two
/// value-frequency distributions (0: spread alike, 1: no value in common), weighed by the size of the
/// selection (see <see cref="FieldDifference"/>). Numeric fields with many values are binned;
/// identifier-like fields (a different value for almost every entity) and message text are left out,
/// since they separate any two sets; so are the values the selection was made by (its final states).
/// </summary>
internal static class Difference
{
    /// <summary>
    /// The selection's evidence is weighed as if it had this many more entities spread like the rest:
    /// a distance from 1 selected entity counts 1/6, from 5 a half, from 95 nineteen twentieths.
    /// </summary>
    public const int PriorEntities = 5;

    private const int NumericBins = 8;

    private static readonly HashSet<string> Absent = new(StringComparer.Ordinal) { "(absent)" };

    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal)
    {
        "created", "@t", "@m", "@mt", "msg", "message", "formatted", "repr", "known_keys", "args", "msecs", "relativeCreated",
        "lineno", "funcName", "funcname", "pathname", "filename", "module", "exc_info", "exc_text", "stack_info", "name",
        "parsl_dfk", "parsl_task_id", "wq_task_id", "run", "run_id", "task_id", "thread", "table", "timestamp", "time",
    };

    /// <param name="snapshot">The records and entities.</param>
    /// <param name="selected">The ids (<see cref="Snapshot.Id"/>) of the selected entities.</param>
    /// <param name="selectedBy">Values that made the selection (e.g. the final states "failed"): left out of every field, since they differ by construction.</param>
    /// <param name="max">How many fields to return.</param>
    public static List<FieldDifference> Rank(Snapshot snapshot, ISet<string> selected, IReadOnlySet<string>? selectedBy = null, int max = 30)
    {
        var fields = new Dictionary<string, Dictionary<string, HashSet<string>>>(StringComparer.Ordinal);
        var inCount = 0;
        var outCount = 0;
        var ids = new List<string>();
        foreach (var h in snapshot.Entities)
        {
            var id = Snapshot.Id(h);
            ids.Add(id);
            _ = selected.Contains(id) ? inCount++ : outCount++;
            void Add(string field, string value)
            {
                if (selectedBy?.Contains(value) == true)
                {
                    return;
                }
                if (!fields.TryGetValue(field, out var perEntity))
                {
                    fields[field] = perEntity = new(StringComparer.Ordinal);
                }
                if (!perEntity.TryGetValue(id, out var values))
                {
                    perEntity[id] = values = new(StringComparer.Ordinal);
                }
                if (values.Count < 20)
                {
                    values.Add(value);
                }
            }
            if (selectedBy is null)
            {
                // Selected by how they ended, the entities' final state differs by construction.
                Add("final_state", h.FinalState);
            }
            foreach (var g in h.Intervals.Where(i => !i.IsFinal).GroupBy(i => i.State))
            {
                Add("seconds_in_" + g.Key, g.Sum(i => i.Duration).ToString("R", CultureInfo.InvariantCulture));
            }
            foreach (var r in snapshot.RecordsOf(h))
            {
                foreach (var (k, v) in r.Properties)
                {
                    if (!v.IsNull && !Ignored.Contains(k) && v.ToString().Length <= 200)
                    {
                        Add(k, v.Canonical().ToString());
                    }
                }
            }
        }
        if (inCount == 0 || outCount == 0)
        {
            return [];
        }
        var result = new List<FieldDifference>();
        foreach (var (field, perEntity) in fields)
        {
            var binned = Bin(field, perEntity, ids.Count);
            if (binned is null)
            {
                continue;
            }
            foreach (var id in ids)
            {
                binned.TryAdd(id, Absent);
            }
            var inside = Frequencies(binned.Where(e => selected.Contains(e.Key)));
            var outside = Frequencies(binned.Where(e => !selected.Contains(e.Key)));
            var values = inside.Keys.Union(outside.Keys).ToList();
            var distance = 0.5 * values.Sum(v => Math.Abs(inside.GetValueOrDefault(v) - outside.GetValueOrDefault(v)));
            var score = distance * inCount / (inCount + PriorEntities);
            var top = values.OrderByDescending(v => Math.Abs(inside.GetValueOrDefault(v) - outside.GetValueOrDefault(v)))
                .Take(5)
                .Select(v => new ValueShare(v, inside.GetValueOrDefault(v), outside.GetValueOrDefault(v),
                    binned.Count(e => selected.Contains(e.Key) && e.Value.Contains(v)), binned.Count(e => !selected.Contains(e.Key) && e.Value.Contains(v))))
                .ToList();
            result.Add(new FieldDifference(field, score, distance, top));
        }
        // Equal scores: the field whose top value is rarest among the rest first (with one selected
        // entity every value it alone has scores the same, and the rarest says the most).
        return result.OrderByDescending(f => f.Score).ThenBy(f => f.Values.Count > 0 ? f.Values[0].Rest : 1).ThenBy(f => f.Field, StringComparer.Ordinal).Take(max).ToList();
    }

    /// <summary>Each entity's values, numeric ones binned; null when the field names entities rather than describing them.</summary>
    private static Dictionary<string, HashSet<string>>? Bin(string field, Dictionary<string, HashSet<string>> perEntity, int entities)
    {
        var all = perEntity.Values.SelectMany(v => v).Distinct(StringComparer.Ordinal).ToList();
        // Ids of other spaces (exec_task_id, a worker's pid) are numbers but name things: binning them would only sort by creation order.
        var named = field.EndsWith("_id", StringComparison.Ordinal) || field.EndsWith("pid", StringComparison.Ordinal) || field == "id";
        if (named && all.Count > Math.Max(3, entities / 2))
        {
            return null;
        }
        var numbers = all.Select(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : double.NaN).ToList();
        if (numbers.All(double.IsFinite) && all.Count <= NumericBins)
        {
            return perEntity.ToDictionary(e => e.Key, e => e.Value.Select(v => double.Parse(v, CultureInfo.InvariantCulture).ToString("G6", CultureInfo.InvariantCulture)).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        }
        if (all.Count > NumericBins && numbers.All(double.IsFinite))
        {
            var (min, max) = (numbers.Min(), numbers.Max());
            var width = (max - min) / NumericBins;
            string Label(string v)
            {
                var d = double.Parse(v, CultureInfo.InvariantCulture);
                var b = width > 0 ? Math.Min(NumericBins - 1, (int)((d - min) / width)) : 0;
                return $"[{min + b * width:G4}, {min + (b + 1) * width:G4})";
            }
            return perEntity.ToDictionary(e => e.Key, e => e.Value.Select(Label).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        }
        return all.Count > Math.Max(3, perEntity.Count * 0.8) ? null : new Dictionary<string, HashSet<string>>(perEntity, StringComparer.Ordinal);
    }

    private static Dictionary<string, double> Frequencies(IEnumerable<KeyValuePair<string, HashSet<string>>> entities)
    {
        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (_, values) in entities)
        {
            foreach (var v in values)
            {
                counts[v] = counts.GetValueOrDefault(v) + 1;
            }
        }
        var total = counts.Values.Sum();
        return counts.ToDictionary(c => c.Key, c => c.Value / total, StringComparer.Ordinal);
    }
}
