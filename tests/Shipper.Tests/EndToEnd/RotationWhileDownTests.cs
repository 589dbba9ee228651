using System.Text.Json;
using WideEvents.Shipper.Tests.Support;

namespace WideEvents.Shipper.Tests.EndToEnd;

/// <summary>Files rotated, copied, truncated or deleted while the sidecar is down: their rest is read, or the loss is reported.</summary>
public sealed class RotationWhileDownTests
{
    [Fact]
    public async Task A_file_renamed_away_while_the_sidecar_was_down_is_read_to_its_end_under_its_new_name()
    {
        using var pair = new ShipperPair();
        string path = await ShipThenKillSidecarAsync(pair);
        RecordWriter.Append(path, 1_001, 2_000);
        File.Move(path, path + ".1");
        RecordWriter.Append(path, 3_001, 1_000);

        pair.StartSidecar();

        await Eventually.HoldsAsync(() => pair.StoredThrough() >= 4_000, TimeSpan.FromSeconds(30), () => $"stored {pair.StoredThrough()}\n{pair.Logs()}");
        await StopCollectorAsync(pair);
        RecordWriter.AssertExactlyOnce(pair.StoredLines(), 4_000);
        Assert.Contains("continues as " + path + ".1", pair.Sidecar!.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_copied_and_truncated_while_the_sidecar_was_down_is_read_on_from_its_copy()
    {
        using var pair = new ShipperPair();
        string path = await ShipThenKillSidecarAsync(pair);
        RecordWriter.Append(path, 1_001, 2_000);
        File.Copy(path, path + ".1");
        File.WriteAllBytes(path, []);
        RecordWriter.Append(path, 3_001, 1_000);

        pair.StartSidecar();

        await Eventually.HoldsAsync(() => pair.StoredThrough() >= 4_000, TimeSpan.FromSeconds(30), () => $"stored {pair.StoredThrough()}\n{pair.Logs()}");
        await StopCollectorAsync(pair);
        RecordWriter.AssertExactlyOnce(pair.StoredLines(), 4_000);
    }

    [Theory]
    [InlineData("deleted")]
    [InlineData("truncated without a copy")]
    public async Task A_file_lost_while_the_sidecar_was_down_is_reported_with_its_source_and_offset_and_counted(string fault)
    {
        using var pair = new ShipperPair();
        string path = await ShipThenKillSidecarAsync(pair);
        long offset = new FileInfo(path).Length;
        RecordWriter.Append(path, 1_001, 500);
        if (fault == "deleted")
        {
            File.Delete(path);
        }
        else
        {
            File.WriteAllBytes(path, []);
            RecordWriter.Append(path, 2_001, 10);
        }

        pair.StartSidecar();

        await Eventually.HoldsAsync(() => pair.Sidecar!.Log.Contains("Lost data of " + path, StringComparison.Ordinal), TimeSpan.FromSeconds(30), pair.Logs);
        Assert.Contains($"after offset {offset}, sequence 1001", pair.Sidecar!.Log, StringComparison.Ordinal);
        await Eventually.HoldsAsync(() => Metric(pair, "lost_events") == 1, TimeSpan.FromSeconds(30), pair.Logs);
    }

    [Fact]
    public async Task A_rotated_file_whose_last_line_never_gets_its_newline_is_closed_and_that_line_quarantined()
    {
        using var pair = new ShipperPair();
        pair.StartCollector();
        pair.StartSidecar();
        string path = Path.Combine(pair.InputDirectory, "app.jsonl");
        RecordWriter.Append(path, 1, 10);
        long offset = new FileInfo(path).Length;
        File.AppendAllText(path, "{\"i\":11,\"cut\":");
        await Eventually.HoldsAsync(() => pair.StoredThrough() >= 10, TimeSpan.FromSeconds(30), pair.Logs);

        File.Move(path, path + ".1");

        await Eventually.HoldsAsync(() => pair.Sidecar!.Log.Contains("Closed " + path, StringComparison.Ordinal), TimeSpan.FromSeconds(30), pair.Logs);
        JsonElement entry = JsonDocument.Parse(File.ReadAllLines(Path.Combine(pair.SidecarData, "quarantine.jsonl")).Single()).RootElement;
        Assert.Equal(offset, entry.GetProperty("offset").GetInt64());
        Assert.Equal("not_json_object", entry.GetProperty("reason").GetString());
        await Eventually.HoldsAsync(() => Metric(pair, "lag_bytes.file:in") == 0, TimeSpan.FromSeconds(30), pair.Logs);
    }

    [Fact]
    public async Task A_gone_file_whose_checkpoint_predates_the_closed_flag_is_not_reported_as_a_loss()
    {
        using var pair = new ShipperPair();
        Directory.CreateDirectory(pair.SidecarData);
        string gone = Path.Combine(pair.InputDirectory, "gone.jsonl");
        File.WriteAllText(
            Path.Combine(pair.SidecarData, "checkpoints.in.json"),
            $$"""[{"SourceId":"0190aaaa-0000-7000-8000-000000000001","Device":1,"Inode":2,"FingerprintLength":0,"Fingerprint":"","Offset":100,"NextSequence":5,"Path":"{{gone}}","LastSeen":"{{DateTimeOffset.UtcNow:O}}"}]""");
        pair.StartCollector();
        pair.StartSidecar();

        await Eventually.HoldsAsync(() => pair.Sidecar!.Log.Contains("from an older wide-shipper", StringComparison.Ordinal), TimeSpan.FromSeconds(30), pair.Logs);
        await Eventually.HoldsAsync(() => Metric(pair, "lost_events") == 0, TimeSpan.FromSeconds(30), pair.Logs);
    }

    /// <summary>Ships records 1..1000 of <c>in/app.jsonl</c>, then SIGKILLs the sidecar; returns the file's path.</summary>
    private static async Task<string> ShipThenKillSidecarAsync(ShipperPair pair)
    {
        pair.StartCollector();
        pair.StartSidecar();
        string path = Path.Combine(pair.InputDirectory, "app.jsonl");
        RecordWriter.Append(path, 1, 1_000);
        await Eventually.HoldsAsync(() => pair.StoredThrough() >= 1_000, TimeSpan.FromSeconds(30), pair.Logs);
        pair.KillSidecar();
        return path;
    }

    private static async Task StopCollectorAsync(ShipperPair pair)
    {
        Signals.Terminate(pair.Collector!.Id);
        await pair.Collector.WaitForExitAsync(TimeSpan.FromSeconds(20));
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
