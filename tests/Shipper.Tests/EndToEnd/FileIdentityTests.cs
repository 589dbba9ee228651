using System.Text.Json;
using System.Text.Json.Nodes;
using WideEvents.Shipper.Tests.Support;

namespace WideEvents.Shipper.Tests.EndToEnd;

public sealed class FileIdentityTests
{
    private const string FileUuid = "01a22ec8-7208-7a5b-b777-77353fc99999";

    [Fact]
    public async Task A_file_with_a_file_uuid_header_is_the_same_source_after_being_copied_to_a_new_inode_while_the_sidecar_was_down()
    {
        using var pair = new ShipperPair(sidecar: s => s["Sources"]!["Files"]![0]!["PathPattern"] = "{dir}/{name}.jsonl");
        pair.StartCollector();
        pair.StartSidecar();
        string first = Path.Combine(pair.InputDirectory, "a.jsonl");
        File.WriteAllText(first, $"{{\"@mt\":\"WideEvents file {{file_uuid}} begins\",\"file_uuid\":\"{FileUuid}\"}}\n");
        RecordWriter.Append(first, 1, 1_000);
        await Eventually.HoldsAsync(() => pair.StoredThrough() >= 1_001, TimeSpan.FromSeconds(30), pair.Logs);

        pair.KillSidecar();
        string second = Path.Combine(pair.InputDirectory, "b.jsonl");
        File.Copy(first, second);
        File.Delete(first);
        RecordWriter.Append(second, 1_001, 1_000);
        pair.StartSidecar();
        await Eventually.HoldsAsync(() => pair.StoredThrough() >= 2_001, TimeSpan.FromSeconds(30), pair.Logs);
        Signals.Terminate(pair.Collector!.Id);
        await pair.Collector.WaitForExitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal([FileUuid + ".000001.jsonl"], Directory.GetFiles(pair.StoreDirectory, "*.jsonl").Select(Path.GetFileName));
        List<string> lines = pair.StoredLines();
        Assert.Equal(2_001, lines.Count);
        Assert.Equal(FileUuid, JsonNode.Parse(lines[0])!["file_uuid"]!.GetValue<string>());
        int[] numbers = [.. lines.Skip(1).Select(l => JsonNode.Parse(l)!["i"]!.GetValue<int>())];
        Assert.Equal(Enumerable.Range(1, 2_000), numbers);

        // Widening from the path: records read from each name carry that name.
        JsonNode early = JsonNode.Parse(lines[1])!;
        JsonNode late = JsonNode.Parse(lines[^1])!;
        Assert.Equal(("in", "a", "test-host"), (early["dir"]!.GetValue<string>(), early["name"]!.GetValue<string>(), early["host"]!.GetValue<string>()));
        Assert.Equal("b", late["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_foreign_file_keeps_its_source_and_offset_across_a_sidecar_restart()
    {
        using var pair = new ShipperPair();
        pair.StartCollector();
        pair.StartSidecar();
        string path = Path.Combine(pair.InputDirectory, "app.jsonl");
        RecordWriter.Append(path, 1, 500);
        await Eventually.HoldsAsync(() => pair.StoredThrough() >= 500, TimeSpan.FromSeconds(30), pair.Logs);
        pair.KillSidecar();
        RecordWriter.Append(path, 501, 500);
        pair.StartSidecar();
        await Eventually.HoldsAsync(() => pair.StoredThrough() >= 1_000, TimeSpan.FromSeconds(30), pair.Logs);
        Signals.Terminate(pair.Collector!.Id);
        await pair.Collector.WaitForExitAsync(TimeSpan.FromSeconds(20));

        Assert.Single(Directory.GetFiles(pair.StoreDirectory, "*.jsonl"));
        RecordWriter.AssertExactlyOnce(pair.StoredLines(), 1_000);
        long length = new FileInfo(path).Length;
        await Eventually.HoldsAsync(() => Checkpoint(pair) == (length, 1_001UL), TimeSpan.FromSeconds(10), () => $"checkpoint {Checkpoint(pair)}");
    }

    private static (long Offset, ulong NextSequence) Checkpoint(ShipperPair pair)
    {
        using JsonDocument checkpoints = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(pair.SidecarData, "checkpoints.in.json")));
        JsonElement checkpoint = Assert.Single(checkpoints.RootElement.EnumerateArray());
        return (checkpoint.GetProperty("Offset").GetInt64(), checkpoint.GetProperty("NextSequence").GetUInt64());
    }
}
