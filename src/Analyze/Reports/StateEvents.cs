using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Reports;

/// <summary>Finds state-change records: the first lifecycle that reads a state from a record owns it.</summary>
internal static class StateEvents
{
    public static (Lifecycle Lifecycle, string Entity, string State)? Read(Record r) => Read(r, Lifecycle.BuiltIn);

    public static (Lifecycle Lifecycle, string Entity, string State)? Read(Record r, IReadOnlyList<Lifecycle> lifecycles)
    {
        // One message for all the lifecycles: each would otherwise look it up (and decode it) again.
        var text = default(MessageText);
        for (var i = 0; i < lifecycles.Count; i++)
        {
            var l = lifecycles[i];
            if (l.Read(r, ref text) is { } e)
            {
                return (l, e.Entity, e.State);
            }
        }
        return null;
    }

    /// <summary>As <see cref="Read(Record)"/>, the lifecycle and state only (no entity name is built).</summary>
    public static (Lifecycle Lifecycle, string State)? ReadState(Record r)
    {
        var text = default(MessageText);
        var lifecycles = Lifecycle.BuiltIn;
        for (var i = 0; i < lifecycles.Count; i++)
        {
            if (lifecycles[i].ReadState(r, ref text) is { } state)
            {
                return (lifecycles[i], state);
            }
        }
        return null;
    }
}
