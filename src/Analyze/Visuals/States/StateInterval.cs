namespace WideEvents.Analyze.Visuals.States;

/// <summary>One stretch of time an entity spent in one state.</summary>
/// <param name="State">The state.</param>
/// <param name="Start">Entry time, seconds since the Unix epoch.</param>
/// <param name="End">Exit time; equal to <paramref name="Start"/> for a final state.</param>
/// <param name="IsFinal">True when nothing follows this state (done, failed).</param>
/// <param name="IsOpen">True when the entity was still in this state at the end of the data: <paramref name="End"/> is the data's end, not an observed exit.</param>
public sealed record StateInterval(string State, double Start, double End, bool IsFinal, bool IsOpen)
{
    /// <summary>True when the lifecycle counts this state as a failure (its <c>failures</c>: failed, dep_fail, CANCELED ...).</summary>
    public bool IsFailure { get; init; }

    /// <summary>Seconds in the state.</summary>
    public double Duration => End - Start;
}
