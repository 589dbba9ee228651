using WideEvents.Shipper.Configuration;
using WideEvents.Shipper.Sinks;

namespace WideEvents.Shipper.Tests.Sinks;

public sealed class GrpcSinkChannelTests
{
    [Theory]
    [InlineData(1.0)]
    [InlineData(0.1)]
    [InlineData(30.0)]
    public void The_channel_reconnects_no_later_than_the_first_retry_so_that_pollys_back_off_governs(double retryBaseDelaySeconds)
    {
        var options = new GrpcSinkOptions { Address = "http://127.0.0.1:1", RetryBaseDelaySeconds = retryBaseDelaySeconds };

        TimeSpan backoff = GrpcSinkChannel.ReconnectBackoff(options);

        Assert.True(backoff <= TimeSpan.FromSeconds(Math.Min(1, retryBaseDelaySeconds)), $"channel back-off up to {backoff}");
        Assert.True(backoff > TimeSpan.Zero);
    }
}
