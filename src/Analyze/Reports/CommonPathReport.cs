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
        var entities = new List<Entity>();
        var groups = records.Where(r => r.Template() is not null && !double.IsNaN(r.Time) && !IsTryLogCopy(r)).GroupByKeys([.. entityKeys]).ToList();
        var ordered = groups.ConvertAll(g => g.Records.OrderBy(r => r.Time).ToList());
        // How each entity ended (lifecycle patterns over its messages, the larger part of the work)
        // is read on a second thread while this one names the steps: both only read the records,
        // and each lifecycle regex is used by one thread only (a regex shared by two threads makes
        // a new matcher per call).
        var outcomes = Task.Run(() => ordered.ConvertAll(Outcome));
        var steps = new StepKeys(options.StepKeys ?? DetectStepKeys(records));
        var named = ordered.ConvertAll(o => o.Select(steps.Id).ToArray());
        var ended = outcomes.GetAwaiter().GetResult();
        for (var i = 0; i < groups.Count; i++)
        {
            var ids = named[i];
            used += ids.Length;
            var shape = (int[])ids.Clone();
            Array.Sort(shape);
            entities.Add(new Entity(groups[i].Key, ids, ordered[i].Select(r => r.Time).ToArray(), shape, ended[i]));
        }
        var shapes = Align(entities, options.Similarity)
            .Select(c => BuildShape(c.Members, steps, entityKeys, c.Outcome))
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
            // Text logs name their DFK once ("Run id is: ..."); only the rules spread it over the
            // run, so without them the run directory is what every task record carries.
            var tasks = records.Where(r => r.Has("parsl_task_id") && !IsTryLogCopy(r));
            return tasks.All(r => r.Has("parsl_dfk")) ? ["parsl_dfk", "parsl_task_id"]
                : tasks.Any(r => r.Has("run")) ? ["run", "parsl_task_id"]
                : Any("parsl_dfk") ? ["parsl_dfk", "parsl_task_id"] : ["parsl_task_id"];
        }
        if (Any("task_id"))
        {
            return Any("run_id") ? ["run_id", "task_id"] : ["task_id"];
        }
        // Several managers' logs loaded together each number their tasks from 1.
        return Any("wq_task_id") ? Any("wq_manager_pid") ? ["wq_manager_pid", "wq_task_id"] : ["wq_task_id"] : ["task_id"];
    }

    // A per-try log (task_N_M.jsonlog) holds copies of the worker's records during the try: they
    // join the try's flow, but counted as steps they would count the worker's steps twice.
    private static bool IsTryLogCopy(Record r) => r.Has("parsl_try_log");

    /// <summary>The default step keys for these records (see <see cref="CommonPathOptions.StepKeys"/>).</summary>
    public static IReadOnlyList<string> DetectStepKeys(IReadOnlyList<Record> records) =>
        records.Any(r => r.Has("component")) ? ["component"] : ["logsource", "threadName"];

    // Entities whose sets of distinct steps are alike (Jaccard similarity at least `similarity`:
    // a missing or repeated step) and that ended the same way share a shape; the most common
    // exact shapes seed the clusters, so a rare variant joins the usual path, not the reverse.
    private static List<(string Outcome, List<Entity> Members)> Align(List<Entity> entities, double similarity)
    {
        var clusters = new List<(string Outcome, HashSet<int> Steps, List<Entity> Members)>();
        foreach (var exact in entities.GroupBy(e => e.Shape, ShapeComparer.Instance).OrderByDescending(g => g.Count()).SelectMany(g => g.GroupBy(e => e.Outcome)))
        {
            var distinct = exact.First().Shape.ToHashSet();
            var home = clusters.FindIndex(c => c.Outcome == exact.Key && Jaccard(c.Steps, distinct) >= similarity);
            if (home < 0)
            {
                clusters.Add((exact.Key, distinct, [.. exact]));
            }
            else
            {
                clusters[home].Members.AddRange(exact);
            }
        }
        return clusters.Select(c => (c.Outcome, c.Members)).ToList();
    }

    private static double Jaccard(HashSet<int> a, HashSet<int> b)
    {
        var both = a.Count(b.Contains);
        return (double)both / (a.Count + b.Count - both);
    }

    // How the entity ended, by its lifecycle: failures and retries are shapes of their own.
    private static string Outcome(List<Record> ordered)
    {
        string? last = null;
        var retried = false;
        foreach (var r in ordered)
        {
            if (StateEvents.ReadState(r) is not { } e)
            {
                continue;
            }
            retried |= last is not null && e.Lifecycle.IsRestart(last, e.State);
            if (last is null || e.Lifecycle.Accepts(last, e.State))
            {
                last = e.State;
            }
        }
        return (last ?? "") + (retried ? " after retry" : "");
    }

    private static CommonShape BuildShape(List<Entity> shape, StepKeys names, IReadOnlyList<string> entityKeys, string outcome)
    {
        // A key that occurs k times in an entity makes k steps (its 1st, 2nd, ... occurrence in time order).
        var offsets = new Dictionary<(int, int), List<double>>();
        foreach (var entity in shape)
        {
            var first = entity.Times[0];
            var seen = new Dictionary<int, int>();
            for (var i = 0; i < entity.Steps.Length; i++)
            {
                var key = entity.Steps[i];
                var n = seen[key] = seen.GetValueOrDefault(key) + 1;
                if (!offsets.TryGetValue((key, n), out var list))
                {
                    offsets[(key, n)] = list = [];
                }
                list.Add(entity.Times[i] - first);
            }
        }
        var steps = offsets
            .Select(kv => (Name: names.Name(kv.Key.Item1), Occurrence: kv.Key.Item2, Values: kv.Value, Mean: Statistics.Mean(kv.Value)))
            .OrderBy(s => s.Mean).ThenBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
        var gaps = steps.Select((s, i) => i == 0 ? 0 : s.Mean - steps[i - 1].Mean).ToList();
        var widest = steps.Count > 1 ? gaps.IndexOf(gaps.Max()) : -1;
        var result = steps.Select((s, i) =>
        {
            var sorted = s.Values.ToArray();
            Array.Sort(sorted);
            return new CommonStep(s.Name, s.Occurrence, s.Values.Count, s.Mean,
                Statistics.PercentileOfSorted(sorted, 50), Statistics.PercentileOfSorted(sorted, 95), gaps[i], i == widest);
        }).ToList();
        var examples = shape.Take(5).Select(e => string.Join(",", entityKeys.Zip(e.Key, (k, v) => $"{k}={v}"))).ToList();
        return new CommonShape(shape.Count, examples, result) { Outcome = outcome.Length > 0 ? outcome : null };
    }

    private sealed record Entity(IReadOnlyList<Value> Key, int[] Steps, double[] Times, int[] Shape, string Outcome);
}
