using WideEvents.Shipper.Sinks;

namespace WideEvents.Shipper.Tests.Sinks;

public sealed class FullJitterBackoffTests
{
    [Fact]
    public void Delays_grow_exponentially_within_jittered_bounds_and_stop_at_the_cap()
    {
        var backoff = new FullJitterBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        for (int attempt = 0; attempt < 40; attempt++)
        {
            double ceiling = Math.Min(30, Math.Pow(2, attempt));
            var delays = Enumerable.Range(0, 200).Select(_ => backoff.Delay(attempt).TotalSeconds).ToList();
            Assert.All(delays, d => Assert.InRange(d, 0, ceiling));
            // Full jitter: spread over the whole range, not bunched near its top.
            Assert.True(delays.Min() < ceiling / 4 && delays.Max() > ceiling * 3 / 4, "delays should be spread over [0, ceiling]");
        }
    }
}
