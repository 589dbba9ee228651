using System.Text.Json.Nodes;

namespace WideEvents.Shipper.Tests.Support;

/// <summary>
/// A sidecar publishing to a real NATS cluster (<c>Sinks:Nats</c>) and a collector consuming it
/// (<c>Sources:Nats</c>) into a store: a <see cref="ShipperPair"/> whose transport is JetStream.
/// </summary>
internal sealed class NatsPair : IDisposable
{
    public NatsPair(int nodes = 3, int replicas = 3, long streamMaxBytes = 1L << 30)
    {
        Cluster = new NatsCluster(nodes);
        Shippers = new ShipperPair(
            sidecar: config => config["Sinks"] = new JsonObject
            {
                ["Nats"] = new JsonArray(new JsonObject
                {
                    ["Name"] = "nats",
                    ["Servers"] = Servers(),
                    ["Replicas"] = replicas,
                    ["MaxBytes"] = streamMaxBytes,
                    ["PublishTimeoutSeconds"] = 3,
                    ["RetryBaseDelaySeconds"] = 0.1,
                    ["RetryMaxDelaySeconds"] = 1,
                }),
            },
            collector: config => config["Sources"] = new JsonObject
            {
                ["Nats"] = new JsonArray(new JsonObject
                {
                    ["Name"] = "nats",
                    ["Servers"] = Servers(),
                    ["Durable"] = "collector-1",
                    ["AckWaitSeconds"] = 10,
                }),
            });
    }

    public NatsCluster Cluster { get; }

    public ShipperPair Shippers { get; }

    public string InputFile => Path.Combine(Shippers.InputDirectory, "app.jsonl");

    private JsonArray Servers() => [.. Cluster.Urls.Select(u => JsonValue.Create(u))];

    /// <summary>Starts the cluster, then the collector and the sidecar.</summary>
    public async Task StartAsync()
    {
        Cluster.StartAll();
        await Cluster.WaitReadyAsync(TimeSpan.FromSeconds(30));
        Shippers.StartCollector();
        Shippers.StartSidecar();
    }

    public string Logs() => $"stored through {Shippers.StoredThrough()}\n{Shippers.Logs()}\n{Cluster.Logs()}";

    /// <summary>Waits for every record to be stored, stops the collector cleanly, and checks each record is there exactly once.</summary>
    public async Task AssertAllStoredExactlyOnceAsync(int total, TimeSpan timeout)
    {
        await Eventually.HoldsAsync(() => Shippers.StoredThrough() >= (ulong)total, timeout, Logs);
        Signals.Terminate(Shippers.Collector!.Id);
        Assert.Equal(0, await Shippers.Collector.WaitForExitAsync(TimeSpan.FromSeconds(20)));
        RecordWriter.AssertExactlyOnce(Shippers.StoredLines(), total);
    }

    public void Dispose()
    {
        Shippers.Dispose();
        Cluster.Dispose();
    }
}
