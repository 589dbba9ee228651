using WideEvents.Analyze.Algebra;
using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Reports;

/// <summary>
/// The common path ("findcommon"): the usual sequence of steps of an entity with the mean offset
/// of each from the entity's first event. Unlike the prototype, entities of different shapes
/// (different apps, retries) get one path per shape instead of an error.
/// </summary>
public static class CommonPathReport
{
    /// <summary>Computes the common path of every shape of entity in <paramref name="records"/>.</summary>
    public static CommonPathResult Build(IReadOnlyList<Record> records, CommonPathOptions? options = null)
    {
        options ??= new CommonPathOptions();
        var entityKeys = options.EntityKeys ?? DetectEntityKeys(records);
        var used = 0;
        var entities = new List<(string Name, List<(string Key, double Time)> Events)>();
        foreach (var group in records.Where(r => r.Template() is not null && !double.IsNaN(r.Time)).GroupByKeys([.. entityKeys]))
        {
            var events = group.Records.OrderBy(r => r.Time).Select(r => (StepKey(r, options.StepKeys), r.Time)).ToList();
            used += events.Count;
            entities.Add((string.Join(",", entityKeys.Zip(group.Key, (k, v) => $"{k}={v}")), events));
        }
        var shapes = entities
            .GroupBy(e => string.Join("\n", e.Events.Select(x => x.Key).Order(StringComparer.Ordinal)), StringComparer.Ordinal)
            .Select(BuildShape)
            .OrderByDescending(s => s.Entities)
            .ToList();
        return new CommonPathResult(entityKeys, shapes, used, records.Count - used);
    }

    /// <summary>The default entity keys for these records (see <see cref="CommonPathOptions.EntityKeys"/>).</summary>
    public static IReadOnlyList<string> DetectEntityKeys(IReadOnlyList<Record> records)
    {
        bool Any(string k) => records.Any(r => r.Has(k));
        if (Any("parsl_task_id"))
        {
            return Any("parsl_dfk") ? ["parsl_dfk", "parsl_task_id"] : ["parsl_task_id"];
        }
        if (Any("task_id"))
        {
            return Any("run_id") ? ["run_id", "task_id"] : ["task_id"];
        }
        return Any("wq_task_id") ? ["wq_task_id"] : ["task_id"];
    }

    private static string StepKey(Record r, IReadOnlyList<string> stepKeys)
    {
        var parts = new List<string>(stepKeys.Count + 1) { r.Template()! };
        foreach (var k in stepKeys)
        {
            parts.Add(r.TryGet(k, out var v) && !v.IsNull ? v.ToString()
                : k == "threadName" ? r.Thread() ?? "no thread" : "");
        }
        return string.Join("/", parts);
    }

    private static CommonShape BuildShape(IGrouping<string, (string Name, List<(string Key, double Time)> Events)> shape)
    {
        // A key that occurs k times in an entity makes k steps (its 1st, 2nd, ... occurrence in time order).
        var offsets = new Dictionary<(string, int), List<double>>();
        foreach (var (_, events) in shape)
        {
            var first = events[0].Time;
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (key, time) in events)
            {
                var n = seen[key] = seen.GetValueOrDefault(key) + 1;
                if (!offsets.TryGetValue((key, n), out var list))
                {
                    offsets[(key, n)] = list = [];
                }
                list.Add(time - first);
            }
        }
        var steps = offsets
            .Select(kv => (kv.Key, Values: kv.Value, Mean: Statistics.Mean(kv.Value)))
            .OrderBy(s => s.Mean).ThenBy(s => s.Key.Item1, StringComparer.Ordinal)
            .ToList();
        var gaps = steps.Select((s, i) => i == 0 ? 0 : s.Mean - steps[i - 1].Mean).ToList();
        var widest = steps.Count > 1 ? gaps.IndexOf(gaps.Max()) : -1;
        var result = steps.Select((s, i) => new CommonStep(s.Key.Item1, s.Key.Item2, s.Values.Count, s.Mean,
            Statistics.Percentile(s.Values, 50), Statistics.Percentile(s.Values, 95), gaps[i], i == widest)).ToList();
        return new CommonShape(shape.Count(), shape.Take(5).Select(e => e.Name).ToList(), result);
    }
}
