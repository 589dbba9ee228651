using Microsoft.Extensions.Logging;
using WideEvents.Emit.Tests.Support;

namespace WideEvents.Emit.Tests.Handlers;

[Collection(ProcessWideCollection.Name)]
public sealed class UnixSocketHandlerTests
{
    [Fact]
    public async Task Records_arrive_at_the_listener_as_json_lines()
    {
        using var directory = new TempDirectory();
        await using var listener = new SocketListener(directory.File("records.sock"));
        var factory = LoggerFactory.Create(b => b.AddWideEvents(o =>
            o.Handlers.Add(new HandlerOptions { Type = HandlerType.UnixSocket, Path = listener.Path })));
        var logger = factory.CreateLogger("x");
        for (var i = 0; i < 100; i++)
        {
            logger.LogInformation("record {Index}", i);
        }

        await factory.DisposeAsyncOrDispose();
        var received = await listener.WaitForAsync(100, TimeSpan.FromSeconds(10));
        Assert.Equal(Enumerable.Range(0, 100), received.Select(r => r["Index"]!.GetValue<int>()));
    }

    [Fact]
    public async Task The_handler_reconnects_when_the_listener_goes_away_and_comes_back()
    {
        using var directory = new TempDirectory();
        var path = directory.File("records.sock");
        var first = new SocketListener(path);
        var factory = LoggerFactory.Create(b => b.AddWideEvents(o =>
            o.Handlers.Add(new HandlerOptions { Type = HandlerType.UnixSocket, Path = path })));
        var logger = factory.CreateLogger("x");

        logger.LogInformation("before {Phase}", "first");
        Assert.Single(await first.WaitForAsync(1, TimeSpan.FromSeconds(10)));
        await first.DisposeAsync();

        // Written while nobody listens: kept in the queue and delivered after the reconnect.
        logger.LogInformation("during {Phase}", "outage");
        await Task.Delay(300);
        await using var second = new SocketListener(path);
        logger.LogInformation("after {Phase}", "second");

        var received = await second.WaitForAsync(1, TimeSpan.FromSeconds(15));
        await factory.DisposeAsyncOrDispose();
        received = await second.WaitForAsync(2, TimeSpan.FromSeconds(5));
        Assert.Contains(received, r => r.Str("Phase") == "second");
        Assert.Contains(received, r => r.Str("Phase") == "outage");
    }

    [Fact]
    public async Task With_no_listener_shutdown_ends_within_the_budget_and_says_what_was_not_written()
    {
        using var directory = new TempDirectory();
        var messages = new List<string>();
        WideEventsSelfLog.Enable(m => { lock (messages) { messages.Add(m); } });
        try
        {
            var factory = LoggerFactory.Create(b => b.AddWideEvents(o =>
                o.Handlers.Add(new HandlerOptions { Type = HandlerType.UnixSocket, Path = directory.File("nobody.sock"), ShutdownTimeoutMilliseconds = 300 })));
            var logger = factory.CreateLogger("x");
            for (var i = 0; i < 50; i++)
            {
                logger.LogInformation("record {Index}", i);
            }

            var clock = System.Diagnostics.Stopwatch.StartNew();
            await factory.DisposeAsyncOrDispose();

            // Before the budget existed this took 10 s; a generous bound, not a performance figure.
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"shutdown took {clock.Elapsed}");
        }
        finally
        {
            WideEventsSelfLog.Disable();
        }

        Assert.Contains(messages, m => m.Contains("were not written", StringComparison.Ordinal));
    }
}
