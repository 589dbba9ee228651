namespace WideEvents.Shipper.Sinks;

/// <summary>
/// Capped exponential backoff with full jitter: attempt n waits a uniform time in
/// [base/2, min(cap, base * 2^n)], so a fleet of shippers does not retry in step, and the
/// first retries are not instant. Polly's default (3 tries, constant delay) is wrong for a shipper.
/// </summary>
internal sealed class FullJitterBackoff(TimeSpan baseDelay, TimeSpan maxDelay)
{
    public TimeSpan Delay(int attempt)
    {
        double ceiling = Math.Min(maxDelay.TotalSeconds, baseDelay.TotalSeconds * Math.Pow(2, Math.Min(attempt, 30)));
        double floor = Math.Min(baseDelay.TotalSeconds / 2, ceiling);
        return TimeSpan.FromSeconds(floor + (Random.Shared.NextDouble() * (ceiling - floor)));
    }
}
