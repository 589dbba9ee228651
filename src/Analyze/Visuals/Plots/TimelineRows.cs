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
                var keys = EntityKeys.Of(r);
                if (keys.Count > 0)
                {
                    groups.TryAdd(EntityKeys.Join(keys), v.ToString());
                    // Records that lack the scope key (e.g. no parsl_dfk) still colour by the id alone.
                    groups.TryAdd(EntityKeys.Join(keys.Skip(keys.Count - 1)), v.ToString());
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
            var group = groups.GetValueOrDefault(EntityKeys.Join(h.Keys)) ?? groups.GetValueOrDefault(EntityKeys.Join(h.Keys.Skip(h.Keys.Count - 1))) ?? "(none)";
            rows.Add(new TimelineRows(h.ShortLabel, run.Start, Math.Max(run.Start, h.End), group));
        }
        return rows.OrderBy(r => r.Start).ToList();
    }
}
