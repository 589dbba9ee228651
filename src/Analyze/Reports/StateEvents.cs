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
}
