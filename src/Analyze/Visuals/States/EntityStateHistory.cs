namespace WideEvents.Analyze.Visuals.States;

/// <summary>The states one entity (a task, with its retries) passed through, in order.</summary>
/// <param name="Lifecycle">The lifecycle's name (<c>parsl task</c>, <c>work queue task</c>).</param>
/// <param name="Entity">The entity's identity, as the state report scopes it (e.g. <c>dfk/16</c>).</param>
/// <param name="Keys">Key/value pairs that select the entity's records (empty when the records do not carry them).</param>
/// <param name="Intervals">The accepted state intervals in time order.</param>
/// <param name="IgnoredEvents">State changes of this entity dropped as duplicates or late arrivals.</param>
public sealed record EntityStateHistory(string Lifecycle, string Entity, IReadOnlyList<KeyValuePair<string, string>> Keys, IReadOnlyList<StateInterval> Intervals, int IgnoredEvents)
{
    /// <summary>When the entity entered its first state.</summary>
    public double Start => Intervals[0].Start;

    /// <summary>When the entity entered its last state (or the data's end when it is still open).</summary>
    public double End => Intervals[^1].IsOpen ? Intervals[^1].End : Intervals[^1].Start;

    /// <summary>Seconds from the first state to the last.</summary>
    public double Duration => End - Start;

    /// <summary>The last state.</summary>
    public string FinalState => Intervals[^1].State;

    /// <summary>A short label: the last key (e.g. <c>parsl_task_id=16</c>), else the entity id.</summary>
    public string ShortLabel => Keys.Count > 0 ? $"{Keys[^1].Key}={Keys[^1].Value}" : Entity;

    /// <summary>Every key value, else the entity id.</summary>
    public string Label => Keys.Count > 0 ? string.Join(",", Keys.Select(k => $"{k.Key}={k.Value}")) : Entity;
}
