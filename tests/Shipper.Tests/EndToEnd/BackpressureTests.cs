using System.Text.Json;
using System.Text.Json.Nodes;
using WideEvents.Shipper.Tests.Support;

namespace WideEvents.Shipper.Tests.EndToEnd;

public sealed class BackpressureTests
{
    private const int Total = 120_000; // about 23 MB, more than the sidecar's 16 MiB buffer

    [Fact]
    public async Task With_the_collector_down_a_full_buffer_stops_the_tailer_and_nothing_is_dropped()
    {
        using var pair = new ShipperPair(sidecar: s => s["Buffer"] = new JsonObject { ["MaxBytes"] = 16L << 20, ["SegmentBytes"] = 1L << 20 });
        RecordWriter.Append(Path.Combine(pair.InputDirectory, "app.jsonl"), 1, Total);
        pair.StartSidecar();

        await Eventually.HoldsAsync(() => Metric(pair, "buffer_full_waits") >= 1 && Metric(pair, "lag_bytes.file:in") > 0, TimeSpan.FromSeconds(30), pair.Logs);
        Assert.InRange(Metric(pair, "buffer_bytes"), 1, 16L << 20);
        long recordsIn = Metric(pair, "records_in");
        Assert.InRange(recordsIn, 1, Total - 1);

        pair.StartCollector();
        await Eventually.HoldsAsync(() => pair.StoredThrough() >= Total, TimeSpan.FromSeconds(60), pair.Logs);
        Signals.Terminate(pair.Collector!.Id);
        await pair.Collector.WaitForExitAsync(TimeSpan.FromSeconds(20));
        RecordWriter.AssertExactlyOnce(pair.StoredLines(), Total);
    }

    private static long Metric(ShipperPair pair, string name)
    {
        try
        {
            using JsonDocument status = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(pair.SidecarData, "status.json")));
            return status.RootElement.GetProperty("metrics").TryGetProperty(name, out JsonElement value) ? value.GetInt64() : -1;
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return -1;
        }
    }
}
