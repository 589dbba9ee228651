using System.Text.Json.Nodes;
using WideEvents.Shipper.Tests.Support;

namespace WideEvents.Shipper.Tests.EndToEnd;

/// <summary>A full disk is back-pressure: the shipper waits, says so, keeps running, and goes on by itself when space returns.</summary>
public sealed class DiskFullTests
{
    [TmpfsFact]
    public async Task A_sidecar_whose_disk_fills_up_keeps_running_and_ships_everything_once_when_space_returns()
    {
        using var volume = new SmallVolume(8 << 20);
        using var pair = new ShipperPair(sidecar: s => s["DataDirectory"] = volume.Combine("sidecar-data"));
        await DiskFilling.FillWhileShippingAsync(pair, volume, () => pair.Sidecar!, "Buffer write failed");
        Assert.False(pair.Sidecar!.HasExited, pair.Logs());

        volume.Free();
        await Eventually.HoldsAsync(() => pair.StoredThrough() >= 4_000, TimeSpan.FromSeconds(60), () => $"stored {pair.StoredThrough()}\n{pair.Logs()}");
        Signals.Terminate(pair.Collector!.Id);
        await pair.Collector.WaitForExitAsync(TimeSpan.FromSeconds(20));
        RecordWriter.AssertExactlyOnce(pair.StoredLines(), 4_000);
        Signals.Terminate(pair.Sidecar.Id);
        Assert.Equal(0, await pair.Sidecar.WaitForExitAsync(TimeSpan.FromSeconds(20)));
    }

    [TmpfsFact]
    public async Task A_collector_whose_disk_fills_up_keeps_running_and_stores_everything_once_when_space_returns()
    {
        using var volume = new SmallVolume(8 << 20);
        using var pair = new ShipperPair(
            collector: c => c["DataDirectory"] = volume.Combine("collector-data"),
            storeDirectory: volume.Combine("store"));
        await DiskFilling.FillWhileShippingAsync(pair, volume, () => pair.Collector!, "write failed");
        Assert.False(pair.Collector!.HasExited, pair.Logs());

        volume.Free();
        await Eventually.HoldsAsync(() => pair.StoredThrough() >= 4_000, TimeSpan.FromSeconds(60), () => $"stored {pair.StoredThrough()}\n{pair.Logs()}");
        Signals.Terminate(pair.Collector.Id);
        Assert.Equal(0, await pair.Collector.WaitForExitAsync(TimeSpan.FromSeconds(20)));
        RecordWriter.AssertExactlyOnce(pair.StoredLines(), 4_000);
    }

    [Fact]
    public async Task A_part_that_fails_stops_the_shipper_with_exit_code_1_so_that_a_supervisor_restarts_it()
    {
        using var directory = new TempDirectory();
        Directory.CreateDirectory(directory.Combine("taken"));
        string config = directory.Combine("c.json");
        File.WriteAllText(config, """{ "DataDirectory": "data", "Sources": { "UnixSockets": [ { "Path": "taken" } ] }, "Sinks": { "Stdout": [ {} ] } }""");

        using ShipperProcess process = ShipperProcess.Start(config);

        Assert.True(1 == await process.WaitForExitAsync(TimeSpan.FromSeconds(30)), process.Log);
        Assert.Contains("UnixSocketSource failed", process.Log, StringComparison.Ordinal);
    }
}
