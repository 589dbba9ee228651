namespace WideEvents.Analyze.Visuals.Plots;

/// <summary>The plots <see cref="Plots"/> draws.</summary>
public enum PlotKind
{
    /// <summary>Entities in each state over time, as exact step functions.</summary>
    States,

    /// <summary>One metric over time (every sample, held until the next).</summary>
    Metric,

    /// <summary>One bar per task from running to done, coloured by a key (e.g. the app).</summary>
    Timelines,

    /// <summary>The common path as a latency waterfall: each step from the previous step's mean offset to its own, the bottleneck in red.</summary>
    Common,

    /// <summary>Histograms of the time entities spent in each state.</summary>
    Histogram,

    /// <summary>A sequence diagram of the messages (<c>message_id</c>, <c>sender</c>, <c>receiver</c>) between participants.</summary>
    Messages,
}
