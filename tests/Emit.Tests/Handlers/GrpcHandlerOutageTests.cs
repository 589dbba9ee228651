using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using WideEvents.Emit.Tests.Support;

namespace WideEvents.Emit.Tests.Handlers;

[Collection(ProcessWideCollection.Name)]
public sealed class GrpcHandlerOutageTests
{
    [Fact]
    public async Task While_the_receiver_is_down_the_handler_says_so_once_and_never_that_it_reconnected()
    {
        var messages = new List<string>();
        WideEventsSelfLog.Enable(m => { lock (messages) { messages.Add(m); } });
        try
        {
            var factory = LoggerFactory.Create(b => b.AddWideEvents(o => o.Handlers.Add(new HandlerOptions
            {
                Type = HandlerType.Grpc,
                Address = $"http://127.0.0.1:{UnusedPort()}",
                ShutdownTimeoutMilliseconds = 200,
            })));
            var logger = factory.CreateLogger("x");
            for (var i = 0; i < 20; i++)
            {
                logger.LogInformation("record {Index}", i);
                await Task.Delay(100);
            }

            await factory.DisposeAsyncOrDispose();
        }
        finally
        {
            WideEventsSelfLog.Disable();
        }

        lock (messages)
        {
            Assert.Single(messages, m => m.Contains("cannot reach", StringComparison.Ordinal));
            Assert.DoesNotContain(messages, m => m.Contains("reconnected", StringComparison.Ordinal));
        }
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
