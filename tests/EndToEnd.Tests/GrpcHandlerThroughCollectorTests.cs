using Microsoft.Extensions.Logging;
using WideEvents.Emit;
using WideEvents.EndToEnd.Tests.Support;

namespace WideEvents.EndToEnd.Tests;

/// <summary>The Emit gRPC handler shipping to a real collector that is killed and restarted mid-stream.</summary>
public sealed class GrpcHandlerThroughCollectorTests
{
    [Fact]
    public async Task Every_record_reaches_the_store_exactly_once_across_a_collector_restart()
    {
        const int total = 20_000;
        var root = Directory.CreateTempSubdirectory("we-grpc-").FullName;
        try
        {
            var port = ShipperProcess.FreePort();
            var config = await WriteCollectorConfigAsync(root, port);
            var collector = ShipperProcess.Start(config);
            await ShipperProcess.WaitForPortAsync(port, TimeSpan.FromSeconds(60));

            var factory = LoggerFactory.Create(b => b.AddWideEvents(o =>
            {
                o.Component = "grpc-test";
                // Shutdown waits as long as it takes here: the test is that nothing is lost, not how fast it gives up.
                o.Handlers.Add(new HandlerOptions { Type = HandlerType.Grpc, Address = $"http://127.0.0.1:{port}", FullMode = QueueFullMode.Block, ShutdownTimeoutMilliseconds = 60_000 });
            }));
            var logger = factory.CreateLogger("test");
            for (var i = 0; i < total; i++)
            {
                logger.LogInformation("record {Index}", i);
                if (i == total / 3)
                {
                    collector.Kill();
                    collector.Dispose();
                    await Task.Delay(500);
                    collector = ShipperProcess.Start(config);
                }
            }

            // Disposal waits for acknowledgements, resending what the killed collector never made durable.
            await ShipperProcess.WaitForPortAsync(port, TimeSpan.FromSeconds(60));
            await Task.Run(factory.Dispose);
            var indexes = await StoreIndexes.WaitForAsync(Path.Combine(root, "store"), total, TimeSpan.FromSeconds(60));
            await collector.StopAsync();
            collector.Dispose();

            Assert.Equal(total, indexes.Count);
            Assert.Equal(Enumerable.Range(0, total), indexes.Order());
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Records_logged_while_the_collector_is_down_arrive_once_soon_after_it_is_back()
    {
        const int duringOutage = 50_000;
        const int afterwards = 1_000;
        var root = Directory.CreateTempSubdirectory("we-grpc-").FullName;
        ShipperProcess? collector = null;
        try
        {
            var port = ShipperProcess.FreePort();
            var config = await WriteCollectorConfigAsync(root, port);

            // Default queue (65,536 records, drop when full) and back-off: what an application gets.
            var factory = LoggerFactory.Create(b => b.AddWideEvents(o =>
            {
                o.Component = "grpc-outage-test";
                o.Handlers.Add(new HandlerOptions { Type = HandlerType.Grpc, Address = $"http://127.0.0.1:{port}", ShutdownTimeoutMilliseconds = 10_000 });
            }));
            var logger = factory.CreateLogger("test");

            // About 3 s of logging with nothing listening: the records wait in Emit's queue.
            for (var i = 0; i < duringOutage; i++)
            {
                logger.LogInformation("record {Index}", i);
                if (i % 2_500 == 2_499)
                {
                    await Task.Delay(150);
                }
            }

            collector = ShipperProcess.Start(config);
            await ShipperProcess.WaitForPortAsync(port, TimeSpan.FromSeconds(60));

            // Delivered while the application runs on, not only by the flush at shutdown.
            var queued = await StoreIndexes.WaitForAsync(Path.Combine(root, "store"), duringOutage, TimeSpan.FromSeconds(30));
            Assert.True(queued.Count >= duringOutage, $"{queued.Count} of the {duringOutage} records logged during the outage were stored within 30 s of the collector's return");

            for (var i = duringOutage; i < duringOutage + afterwards; i++)
            {
                logger.LogInformation("record {Index}", i);
            }

            await Task.Run(factory.Dispose);
            var indexes = await StoreIndexes.WaitForAsync(Path.Combine(root, "store"), duringOutage + afterwards, TimeSpan.FromSeconds(60));
            Assert.Equal(Enumerable.Range(0, duringOutage + afterwards), indexes.Order());
        }
        finally
        {
            if (collector is not null)
            {
                await collector.StopAsync();
                collector.Dispose();
            }

            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>A collector on loopback <paramref name="port"/> storing into <c>root/store</c>.</summary>
    private static async Task<string> WriteCollectorConfigAsync(string root, int port)
    {
        var config = Path.Combine(root, "collector.json");
        await File.WriteAllTextAsync(config, $$"""
            {
              "DataDirectory": "collector-data",
              "Grpc": { "Address": "127.0.0.1", "Port": {{port}} },
              "Sinks": { "Stores": [ { "Name": "store", "Directory": "store" } ] },
              "Health": { "IntervalSeconds": 1 }
            }
            """);
        return config;
    }
}
