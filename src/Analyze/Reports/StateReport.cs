using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Reports;

/// <summary>Entities in each state over time, one timeline per lifecycle found in the records.</summary>
public static class StateReport
{
    /// <summary>
    /// Builds exact step functions: each entity's state changes are ordered by time (ties by
    /// lifecycle order) and run through its <see cref="Lifecycle"/>, so duplicates from several
    /// sources and late arrivals do not move an entity backwards. An entity with no record of a
    /// final state stays in its last state and is counted in <see cref="StateTimeline.Unfinished"/>.
    /// </summary>
    /// <param name="records">The records.</param>
    /// <param name="lifecycles">The lifecycles to read states with, first match wins; default <see cref="Lifecycle.BuiltIn"/>.</param>
    public static IReadOnlyList<StateTimeline> Build(IEnumerable<Record> records, IReadOnlyList<Lifecycle>? lifecycles = null)
    {
        lifecycles ??= Lifecycle.BuiltIn;
        var byLifecycle = new Dictionary<Lifecycle, Dictionary<string, List<(double Time, string State)>>>();
        foreach (var r in records)
        {
            if (double.IsNaN(r.Time) || StateEvents.Read(r, lifecycles) is not { } e)
            {
                continue;
            }
            if (!byLifecycle.TryGetValue(e.Lifecycle, out var entities))
            {
                byLifecycle[e.Lifecycle] = entities = new(StringComparer.Ordinal);
            }
            if (!entities.TryGetValue(e.Entity, out var list))
            {
                entities[e.Entity] = list = [];
            }
            list.Add((r.Time, e.State));
        }
        return byLifecycle.Select(kv => Timeline(kv.Key, kv.Value)).ToList();
    }

    private static StateTimeline Timeline(Lifecycle lifecycle, Dictionary<string, List<(double Time, string State)>> entities)
    {
        var index = lifecycle.States.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i, StringComparer.Ordinal);
        var changes = new List<(double Time, int From, int To)>();
        int ignored = 0, retries = 0, unfinished = 0;
        foreach (var events in entities.Values)
        {
            var machine = new EntityMachine(lifecycle);
            foreach (var (time, state) in EntityMachine.InOrder(lifecycle, events))
            {
                var from = machine.Current;
                if (machine.Step(state))
                {
                    changes.Add((time, from is null ? -1 : index[from], index[state]));
                }
            }
            ignored += machine.Ignored;
            retries += machine.Retries;
            unfinished += machine.Current is null || machine.Ended ? 0 : 1;
        }
        var counts = new int[lifecycle.States.Count];
        var points = new List<StatePoint>();
        foreach (var at in changes.OrderBy(c => c.Time).GroupBy(c => c.Time))
        {
            foreach (var (_, from, to) in at)
            {
                if (from >= 0)
                {
                    counts[from]--;
                }
                counts[to]++;
            }
            points.Add(new StatePoint(at.Key, counts.ToArray()));
        }
        return new StateTimeline(lifecycle.Name, lifecycle.States, entities.Count, points, ignored) { Unfinished = unfinished, Retries = retries };
    }
}
