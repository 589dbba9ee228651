namespace WideEvents.Shipper.Sinks;

/// <summary>
/// Capped exponential backoff with full jitter ("Exponential Backoff And Jitter", AWS
/// Architecture Blog): attempt n waits a uniform time in [0, min(cap, base * 2^n)], so a fleet of
/// shippers that lost the same collector does not retry in step. Polly's default (3 tries,
/// constant delay) is wrong for a shipper, and its own jittered backoff counts attempts per call,
/// where ours start over once records are acknowledged (<see cref="RetryDelays"/>).
/// </summary>
internal sealed class FullJitterBackoff(TimeSpan baseDelay, TimeSpan maxDelay)
{
    public TimeSpan Delay(int attempt)
    {
        double ceiling = Math.Min(maxDelay.TotalSeconds, baseDelay.TotalSeconds * Math.Pow(2, Math.Min(attempt, 30)));
        return TimeSpan.FromSeconds(Random.Shared.NextDouble() * ceiling);
    }
}
