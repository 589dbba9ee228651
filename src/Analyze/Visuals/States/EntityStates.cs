using WideEvents.Analyze.Records;
using WideEvents.Analyze.Reports;

namespace WideEvents.Analyze.Visuals.States;

/// <summary>
/// Per-entity state intervals: the same state changes and lifecycle rules as
/// <see cref="StateReport"/> (late or duplicate arrivals ignored, restarts accepted), kept per
/// entity instead of summed, for Gantt bars, trace slices and "slowest tasks".
/// </summary>
public static class EntityStates
{
    /// <summary>Builds every entity's state history, ordered by first state time.</summary>
    /// <param name="records">The records.</param>
    /// <param name="dataEnd">Where a non-final last state ends; default the latest time of any record.</param>
    /// <param name="lifecycles">The lifecycles to read states with, first match wins; default <see cref="Lifecycle.BuiltIn"/>.</param>
    public static IReadOnlyList<EntityStateHistory> Build(IReadOnlyList<Record> records, double? dataEnd = null, IReadOnlyList<Lifecycle>? lifecycles = null)
    {
        lifecycles ??= Lifecycle.BuiltIn;
        var end = dataEnd ?? LatestTime(records);
        var byEntity = new Dictionary<(Lifecycle, string), (Record First, List<(double Time, string State)> Events)>();
        foreach (var r in records)
        {
            if (double.IsNaN(r.Time) || StateEvents.Read(r, lifecycles) is not { } e)
            {
                continue;
            }
            if (!byEntity.TryGetValue((e.Lifecycle, e.Entity), out var entry))
            {
                byEntity[(e.Lifecycle, e.Entity)] = entry = (r, []);
            }
            entry.Events.Add((r.Time, e.State));
        }
        var result = new List<EntityStateHistory>(byEntity.Count);
        foreach (var ((lifecycle, entity), (first, events)) in byEntity)
        {
            var history = History(lifecycle, entity, first, events, end);
            if (history is not null)
            {
                result.Add(history);
            }
        }
        return result.OrderBy(h => h.Start).ThenBy(h => h.Entity, StringComparer.Ordinal).ToList();
    }

    /// <summary>The latest time of any record, NaN when none has a time.</summary>
    public static double LatestTime(IEnumerable<Record> records)
    {
        var end = double.NaN;
        foreach (var r in records)
        {
            if (!double.IsNaN(r.Time) && (double.IsNaN(end) || r.Time > end))
            {
                end = r.Time;
            }
        }
        return end;
    }

    private static EntityStateHistory? History(Lifecycle lifecycle, string entity, Record first, List<(double Time, string State)> events, double end)
    {
        var accepted = new List<(double Time, string State)>();
        var machine = new EntityMachine(lifecycle);
        foreach (var (time, state) in EntityMachine.InOrder(lifecycle, events))
        {
            if (machine.Step(state))
            {
                accepted.Add((time, state));
            }
        }
        var ignored = machine.Ignored;
        if (accepted.Count == 0)
        {
            return null;
        }
        var intervals = new List<StateInterval>(accepted.Count);
        for (var i = 0; i < accepted.Count; i++)
        {
            var (time, state) = accepted[i];
            var failure = lifecycle.Failures.Contains(state);
            if (i + 1 < accepted.Count)
            {
                intervals.Add(new StateInterval(state, time, accepted[i + 1].Time, false, false) { IsFailure = failure });
                continue;
            }
            // Final: the lifecycle lets nothing follow (done, failed); anything else is still in progress.
            var final = lifecycle.IsTerminal(state);
            intervals.Add(final
                ? new StateInterval(state, time, time, true, false) { IsFailure = failure }
                : new StateInterval(state, time, Math.Max(time, double.IsNaN(end) ? time : end), false, true) { IsFailure = failure });
        }
        return new EntityStateHistory(lifecycle.Name, entity, EntityKeys.Of(first), intervals, ignored);
    }
}
