namespace WideEvents.Analyze.Reports;

/// <summary>
/// The one state machine: an entity's state records run through its <see cref="Lifecycle"/>. The
/// state report, the per-entity intervals (Gantt, trace, slowest tasks) and the live web view all
/// step entities with it, whether the records come sorted (<see cref="InOrder"/>) or as they arrive.
/// </summary>
internal sealed class EntityMachine(Lifecycle lifecycle)
{
    /// <summary>The current state; null before the first accepted one.</summary>
    public string? Current { get; private set; }

    /// <summary>State records dropped: unknown states, duplicates, late arrivals.</summary>
    public int Ignored { get; private set; }

    /// <summary>Declared restarts taken (retries, requeues).</summary>
    public int Retries { get; private set; }

    /// <summary>The entity reached a state nothing follows: it ended.</summary>
    public bool Ended => Current is not null && lifecycle.IsTerminal(Current);

    /// <summary>Moves to <paramref name="state"/> if the lifecycle allows it; false (and counted as ignored) otherwise.</summary>
    public bool Step(string state)
    {
        if (lifecycle.Rank(state) < 0 || !lifecycle.Accepts(Current, state))
        {
            Ignored++;
            return false;
        }
        if (Current is not null && lifecycle.IsRestart(Current, state))
        {
            Retries++;
        }
        Current = state;
        return true;
    }

    /// <summary>An entity's state records in the order to step them: by time, ties by lifecycle order.</summary>
    public static IEnumerable<(double Time, string State)> InOrder(Lifecycle lifecycle, IEnumerable<(double Time, string State)> events) =>
        events.OrderBy(e => e.Time).ThenBy(e => lifecycle.Rank(e.State));
}
