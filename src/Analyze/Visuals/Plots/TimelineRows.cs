using WideEvents.Analyze.Records;
using WideEvents.Analyze.Visuals.States;

namespace WideEvents.Analyze.Visuals.Plots;

/// <summary>One bar of the timelines plot: an entity from entering a running state to reaching its last state.</summary>
internal sealed record TimelineRows(string Label, double Start, double End, string Group)
{
    private static readonly HashSet<string> Running = new(StringComparer.Ordinal) { "running", "RUNNING" };

    /// <summary>Entities that ran, in order of starting to run, with the value of <paramref name="colorBy"/> found on any of their records.</summary>
    public static List<TimelineRows> Build(IReadOnlyList<Record> records, string colorBy)
    {
        var groups = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in records)
        {
            if (r.TryGet(colorBy, out var v) && !v.IsNull)
            {
                foreach (var key in CandidateKeys(r))
                {
                    groups.TryAdd(key, v.ToString());
                }
            }
        }
        var rows = new List<TimelineRows>();
        foreach (var h in EntityStates.Build(records))
        {
            var run = h.Intervals.FirstOrDefault(i => Running.Contains(i.State));
            if (run is null)
            {
                continue;
            }
            var key = string.Join("/", h.Keys.Select(k => k.Value));
            rows.Add(new TimelineRows(h.ShortLabel, run.Start, Math.Max(run.Start, h.End), groups.GetValueOrDefault(key, "(none)")));
        }
        return rows.OrderBy(r => r.Start).ToList();
    }

    private static IEnumerable<string> CandidateKeys(Record r)
    {
        if (r.TryGet("parsl_task_id", out var task))
        {
            yield return r.TryGet("parsl_dfk", out var dfk) ? $"{dfk.Canonical()}/{task.Canonical()}" : task.Canonical().ToString();
        }
        if (r.TryGet("wq_task_id", out var wq))
        {
            yield return wq.Canonical().ToString();
        }
    }
}
