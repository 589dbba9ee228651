namespace WideEvents.Shipper.Sinks;

/// <summary>
/// The gRPC sink's retry delays: <see cref="FullJitterBackoff"/> over the failed attempts since
/// the last acknowledgement, not since the call began. Against a flapping collector, an attempt
/// that got records through before the collector went down again starts the back-off over, so
/// the next try comes soon rather than after a delay grown through earlier outages.
/// </summary>
internal sealed class RetryDelays(FullJitterBackoff backoff)
{
    private int _failuresSinceProgress;

    /// <summary>Delays from <paramref name="baseSeconds"/> up to <paramref name="maxSeconds"/>, the sinks' <c>RetryBaseDelaySeconds</c> and <c>RetryMaxDelaySeconds</c>.</summary>
    public static RetryDelays Between(double baseSeconds, double maxSeconds) =>
        new(new FullJitterBackoff(TimeSpan.FromSeconds(baseSeconds), TimeSpan.FromSeconds(maxSeconds)));

    /// <summary>The delay before the next attempt, after one more failure.</summary>
    public TimeSpan Next() => backoff.Delay(Interlocked.Increment(ref _failuresSinceProgress) - 1);

    /// <summary>Records were acknowledged: the collector works, start the back-off over.</summary>
    public void Progress() => Volatile.Write(ref _failuresSinceProgress, 0);
}
