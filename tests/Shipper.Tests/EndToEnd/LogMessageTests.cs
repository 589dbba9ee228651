using System.Text.Json.Nodes;
using WideEvents.Shipper.Tests.Support;

namespace WideEvents.Shipper.Tests.EndToEnd;

/// <summary>What the shipper says names what happened: no read error for a failed buffer write, no crash after a clean stop, no start after the stop.</summary>
public sealed class LogMessageTests
{
    [TmpfsFact]
    public async Task A_clean_stop_while_the_disk_is_full_is_no_read_error_and_the_restart_claims_no_crash()
    {
        using var volume = new SmallVolume(8 << 20);
        using var pair = new ShipperPair(sidecar: s => s["DataDirectory"] = volume.Combine("sidecar-data"));
        await DiskFilling.FillWhileShippingAsync(pair, volume, () => pair.Sidecar!, "Buffer write failed");
        await Task.Delay(1_000); // several polls of the file while the buffer cannot write
        Signals.Terminate(pair.Sidecar!.Id);
        await pair.Sidecar.WaitForExitAsync(TimeSpan.FromSeconds(30));
        string stopped = pair.Sidecar.Log;
        Assert.DoesNotContain("Cannot read", stopped, StringComparison.Ordinal);

        volume.Free();
        pair.StartSidecar();
        await Eventually.HoldsAsync(() => pair.StoredThrough() >= 4_000, TimeSpan.FromSeconds(60), () => $"stored {pair.StoredThrough()}\n{pair.Logs()}");
        string restarted = pair.Sidecar.Log;
        Assert.DoesNotContain("after a crash", restarted, StringComparison.Ordinal);
        Assert.DoesNotContain("torn tail", restarted, StringComparison.Ordinal);
        Signals.Terminate(pair.Collector!.Id);
        await pair.Collector.WaitForExitAsync(TimeSpan.FromSeconds(20));
        RecordWriter.AssertExactlyOnce(pair.StoredLines(), 4_000);
    }

    [Fact]
    public async Task Started_is_never_logged_after_a_part_that_failed_at_once_stopped_the_shipper()
    {
        using var directory = new TempDirectory();
        Directory.CreateDirectory(directory.Combine("taken"));
        string config = directory.Combine("c.json");
        File.WriteAllText(config, """{ "DataDirectory": "data", "Sources": { "UnixSockets": [ { "Path": "taken" } ] }, "Sinks": { "Stdout": [ {} ] } }""");

        using ShipperProcess process = ShipperProcess.Start(config);

        await process.WaitForExitAsync(TimeSpan.FromSeconds(30));
        string log = process.Log;
        // The failure itself may be logged just before "started"; the stop line may not be.
        int stopping = log.IndexOf("the IHost instance is stopping", StringComparison.Ordinal);
        Assert.True(stopping >= 0, log);
        int started = log.LastIndexOf("wide-shipper started", StringComparison.Ordinal);
        Assert.True(started < stopping, log);
    }

    [Fact]
    public async Task A_unix_socket_whose_directory_is_missing_is_reported_as_such()
    {
        using var directory = new TempDirectory();
        string config = directory.Combine("c.json");
        File.WriteAllText(config, """{ "DataDirectory": "data", "Sources": { "UnixSockets": [ { "Path": "no-such-directory/in.sock" } ] }, "Sinks": { "Stdout": [ {} ] } }""");

        using ShipperProcess process = ShipperProcess.Start(config);

        int exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.DoesNotContain("Cannot assign requested address", process.Log, StringComparison.Ordinal);
        Assert.Contains("no-such-directory/in.sock does not exist", process.Log, StringComparison.Ordinal);
        Assert.Equal(2, exitCode);
    }
}
