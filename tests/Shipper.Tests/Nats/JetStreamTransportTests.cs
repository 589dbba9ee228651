using WideEvents.Shipper.Tests.Support;

namespace WideEvents.Shipper.Tests.Nats;

/// <summary>
/// File → sidecar → a real 3-node JetStream cluster (R3) → collector → store, with faults injected
/// mid-stream: every test writes 200,000 numbered records and checks each is stored exactly once.
/// </summary>
[Trait("Category", "JetStream")]
[Collection(JetStreamCollection.Name)]
public sealed class JetStreamTransportTests
{
    private const int Total = 200_000;

    private static Task WriteAsync(NatsPair pair) =>
        RecordWriter.AppendSlowlyAsync(pair.InputFile, Total, chunk: 2_000, pause: TimeSpan.FromMilliseconds(100));

    /// <summary>Waits until records are moving (more stored than <paramref name="after"/>), so that a fault lands mid-stream; false when all are stored already.</summary>
    private static async Task<bool> MidStreamAsync(NatsPair pair, ulong after = 0)
    {
        await Eventually.HoldsAsync(() => pair.Shippers.StoredThrough() is var stored && (stored > after || stored >= Total), TimeSpan.FromSeconds(60), pair.Logs);
        return pair.Shippers.StoredThrough() < Total;
    }

    /// <summary>The first fault must land mid-stream, or the test would prove nothing.</summary>
    private static async Task FirstFaultMidStreamAsync(NatsPair pair) =>
        Assert.True(await MidStreamAsync(pair), $"the fault came too late: {pair.Shippers.StoredThrough()} records already stored");

    [NatsServerFact]
    public async Task A_node_and_the_collector_killed_mid_stream_and_restarted_lose_and_duplicate_nothing()
    {
        using var pair = new NatsPair();
        await pair.StartAsync();
        Task writing = WriteAsync(pair);
        await FirstFaultMidStreamAsync(pair);
        pair.Cluster.Kill(0);
        pair.Shippers.KillCollector();
        ulong stored = pair.Shippers.StoredThrough();
        await Task.Delay(TimeSpan.FromSeconds(1));
        pair.Shippers.StartCollector();
        await MidStreamAsync(pair, stored);
        pair.Cluster.Start(0);
        await writing;
        await pair.AssertAllStoredExactlyOnceAsync(Total, TimeSpan.FromSeconds(120));
    }

    [NatsServerFact]
    public async Task A_node_killed_mid_stream_and_restarted_loses_and_duplicates_nothing()
    {
        using var pair = new NatsPair();
        await pair.StartAsync();
        Task writing = WriteAsync(pair);
        await FirstFaultMidStreamAsync(pair);
        for (int node = 0; node < pair.Cluster.Size; node++)
        {
            // Each node in turn, so that the stream's leader (wherever it is) is among the victims.
            pair.Cluster.Kill(node);
            await Task.Delay(TimeSpan.FromSeconds(1));
            pair.Cluster.Start(node);
            await pair.Cluster.WaitReadyAsync(TimeSpan.FromSeconds(30));
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        await writing;
        await pair.AssertAllStoredExactlyOnceAsync(Total, TimeSpan.FromSeconds(120));
    }

    [NatsServerFact]
    public async Task The_collector_killed_mid_stream_and_restarted_loses_and_duplicates_nothing()
    {
        using var pair = new NatsPair();
        await pair.StartAsync();
        Task writing = WriteAsync(pair);
        await FirstFaultMidStreamAsync(pair);
        for (int kill = 0; kill < 3; kill++)
        {
            if (kill > 0 && !await MidStreamAsync(pair, pair.Shippers.StoredThrough()))
            {
                break;
            }

            pair.Shippers.KillCollector();
            await Task.Delay(TimeSpan.FromMilliseconds(300));
            pair.Shippers.StartCollector();
        }

        await writing;
        await pair.AssertAllStoredExactlyOnceAsync(Total, TimeSpan.FromSeconds(120));
    }

    [NatsServerFact]
    public async Task The_sidecar_killed_mid_stream_and_restarted_loses_and_duplicates_nothing()
    {
        using var pair = new NatsPair();
        await pair.StartAsync();
        Task writing = WriteAsync(pair);
        await FirstFaultMidStreamAsync(pair);
        for (int kill = 0; kill < 3; kill++)
        {
            if (kill > 0 && !await MidStreamAsync(pair, pair.Shippers.StoredThrough()))
            {
                break;
            }

            pair.Shippers.KillSidecar();
            await Task.Delay(TimeSpan.FromMilliseconds(300));
            pair.Shippers.StartSidecar();
        }

        await writing;
        await pair.AssertAllStoredExactlyOnceAsync(Total, TimeSpan.FromSeconds(120));
    }

    [NatsServerFact]
    public async Task A_full_cluster_restart_mid_stream_loses_and_duplicates_nothing()
    {
        using var pair = new NatsPair();
        await pair.StartAsync();
        Task writing = WriteAsync(pair);
        await FirstFaultMidStreamAsync(pair);
        pair.Cluster.StopAll();
        await Task.Delay(TimeSpan.FromSeconds(2));
        pair.Cluster.StartAll();
        await pair.Cluster.WaitReadyAsync(TimeSpan.FromSeconds(30));
        await writing;
        await pair.AssertAllStoredExactlyOnceAsync(Total, TimeSpan.FromSeconds(120));
    }

    [NatsServerFact]
    public async Task A_full_stream_is_back_pressure_not_loss()
    {
        // 4 MiB holds about a tenth of the 38 MB written: the sidecar must wait for the collector.
        using var pair = new NatsPair(streamMaxBytes: 4L << 20);
        pair.Cluster.StartAll();
        await pair.Cluster.WaitReadyAsync(TimeSpan.FromSeconds(30));
        pair.Shippers.StartSidecar();
        await WriteAsync(pair);
        await Eventually.HoldsAsync(() => pair.Shippers.Sidecar!.Log.Contains("is full", StringComparison.Ordinal), TimeSpan.FromSeconds(60), pair.Logs);
        pair.Shippers.StartCollector();
        await pair.AssertAllStoredExactlyOnceAsync(Total, TimeSpan.FromSeconds(120));
    }
}
