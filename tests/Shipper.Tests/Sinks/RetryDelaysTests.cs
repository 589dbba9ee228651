using WideEvents.Shipper.Sinks;

namespace WideEvents.Shipper.Tests.Sinks;

public sealed class RetryDelaysTests
{
    [Fact]
    public void Delays_grow_with_failures_and_start_over_once_records_are_acknowledged()
    {
        var delays = new RetryDelays(new FullJitterBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30)));
        for (int i = 0; i < 10; i++)
        {
            delays.Next();
        }

        Assert.InRange(delays.Next().TotalSeconds, 0, 30);

        delays.Progress();

        Assert.InRange(delays.Next().TotalSeconds, 0, 1);
        Assert.InRange(delays.Next().TotalSeconds, 0, 2);
    }
}
