using System.Text;
using System.Text.Json;
using WideEvents.Shipper.Tests.Support;

namespace WideEvents.Shipper.Tests.EndToEnd;

public sealed class BadInputTests
{
    [Fact]
    public async Task Malformed_non_utf8_and_oversize_lines_are_quarantined_with_their_offsets_and_shipping_goes_on()
    {
        using var pair = new ShipperPair();
        pair.StartCollector();
        string path = Path.Combine(pair.InputDirectory, "app.jsonl");
        var content = new MemoryStream();
        var offsets = new List<long>();
        void Line(byte[] bytes, bool bad)
        {
            if (bad)
            {
                offsets.Add(content.Length);
            }

            content.Write(bytes);
            content.WriteByte((byte)'\n');
        }

        Line(Encoding.UTF8.GetBytes(RecordWriter.Record(1)), bad: false);
        Line("this is not json"u8.ToArray(), bad: true);
        Line("[1,2,3]"u8.ToArray(), bad: true);
        Line([.. "{\"a\":\""u8, 0xFF, 0xFE, .. "\"}"u8], bad: true);
        Line(Encoding.UTF8.GetBytes($"{{\"big\":\"{new string('y', 5000)}\"}}"), bad: true);
        Line(Encoding.UTF8.GetBytes(RecordWriter.Record(2)), bad: false);
        content.Write(Encoding.UTF8.GetBytes(RecordWriter.Record(3)[..20]));
        File.WriteAllBytes(path, content.ToArray());

        // The command-line override lowers the line limit below the 5000-byte line.
        using var sidecar = ShipperProcess.Start(pair.SidecarConfig, "--MaxLineBytes=1024");
        await Eventually.HoldsAsync(() => pair.StoredThrough() >= 2, TimeSpan.FromSeconds(30), () => sidecar.Log);
        await Task.Delay(300);
        Assert.Equal(2UL, pair.StoredThrough()); // the partial last line waits

        File.AppendAllText(path, RecordWriter.Record(3)[20..] + "\n");
        await Eventually.HoldsAsync(() => pair.StoredThrough() >= 3, TimeSpan.FromSeconds(30), () => sidecar.Log);

        string[] quarantined = File.ReadAllLines(Path.Combine(pair.SidecarData, "quarantine.jsonl"));
        Assert.Equal(4, quarantined.Length);
        string[] reasons = [.. quarantined.Select(q => JsonDocument.Parse(q).RootElement.GetProperty("reason").GetString()!)];
        Assert.Equal(["not_json_object", "not_json_object", "invalid_utf8", "oversize"], reasons);
        long[] quarantinedOffsets = [.. quarantined.Select(q => JsonDocument.Parse(q).RootElement.GetProperty("offset").GetInt64())];
        Assert.Equal(offsets, quarantinedOffsets);
        Assert.All(quarantined, q => Assert.Equal(path, JsonDocument.Parse(q).RootElement.GetProperty("origin").GetString()));

        // wide-shipper status reads what the running sidecar reports.
        await Eventually.HoldsAsync(() => StatusShows(pair.SidecarConfig, "quarantined", "4"), TimeSpan.FromSeconds(20), () => sidecar.Log);

        Signals.Terminate(pair.Collector!.Id);
        await pair.Collector.WaitForExitAsync(TimeSpan.FromSeconds(20));
        List<string> stored = pair.StoredLines();
        Assert.Equal([RecordWriter.Widened(1), RecordWriter.Widened(2), RecordWriter.Widened(3)], stored);
    }

    [Fact]
    public async Task A_byte_order_mark_is_no_part_of_the_first_record_and_a_lone_surrogate_escape_is_quarantined()
    {
        using var pair = new ShipperPair();
        pair.StartCollector();
        string path = Path.Combine(pair.InputDirectory, "app.jsonl");
        var content = new MemoryStream();
        content.Write([0xEF, 0xBB, 0xBF]);
        content.Write(Encoding.UTF8.GetBytes(RecordWriter.Record(1) + "\n"));
        long offset = content.Length;
        content.Write("{\"text\":\"\\ud800\"}\n"u8);
        content.Write(Encoding.UTF8.GetBytes(RecordWriter.Record(2) + "\n"));
        File.WriteAllBytes(path, content.ToArray());

        using var sidecar = ShipperProcess.Start(pair.SidecarConfig);
        await Eventually.HoldsAsync(() => pair.StoredThrough() >= 2, TimeSpan.FromSeconds(30), () => sidecar.Log);

        JsonElement entry = JsonDocument.Parse(File.ReadAllLines(Path.Combine(pair.SidecarData, "quarantine.jsonl")).Single()).RootElement;
        Assert.Equal("invalid_unicode_escape", entry.GetProperty("reason").GetString());
        Assert.Equal(offset, entry.GetProperty("offset").GetInt64());
        Signals.Terminate(pair.Collector!.Id);
        await pair.Collector.WaitForExitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal([RecordWriter.Widened(1), RecordWriter.Widened(2)], pair.StoredLines());
    }

    [Fact]
    public async Task A_garbage_time_is_quarantined_as_bad_timestamp_and_a_missing_one_is_stored_and_counted()
    {
        using var pair = new ShipperPair();
        pair.StartCollector();
        string path = Path.Combine(pair.InputDirectory, "app.jsonl");
        string untimed = "{\"@mt\":\"no time\",\"i\":2}";
        string garbage = "{\"@t\":\"yesterday\",\"i\":99}";
        string line1 = RecordWriter.Record(1) + "\n";
        long garbageOffset = Encoding.UTF8.GetByteCount(line1 + untimed + "\n");
        File.WriteAllText(path, line1 + untimed + "\n" + garbage + "\n" + RecordWriter.Record(3) + "\n");

        using var sidecar = ShipperProcess.Start(pair.SidecarConfig);
        await Eventually.HoldsAsync(() => pair.StoredThrough() >= 3, TimeSpan.FromSeconds(30), () => sidecar.Log);

        JsonElement entry = JsonDocument.Parse(File.ReadAllLines(Path.Combine(pair.SidecarData, "quarantine.jsonl")).Single()).RootElement;
        Assert.Equal("bad_timestamp", entry.GetProperty("reason").GetString());
        Assert.Equal(garbageOffset, entry.GetProperty("offset").GetInt64());
        Assert.Equal(garbage.Length, entry.GetProperty("length").GetInt64());
        Assert.Equal(path, entry.GetProperty("origin").GetString());
        await Eventually.HoldsAsync(() => StatusShows(pair.SidecarConfig, "records_without_time", "1"), TimeSpan.FromSeconds(20), () => sidecar.Log);

        Signals.Terminate(pair.Collector!.Id);
        await pair.Collector.WaitForExitAsync(TimeSpan.FromSeconds(20));
        List<string> stored = pair.StoredLines();
        Assert.Equal(3, stored.Count);
        Assert.Contains("\"i\":2", stored[1], StringComparison.Ordinal);
        Assert.DoesNotContain(stored, line => line.Contains("yesterday", StringComparison.Ordinal));
    }

    private static bool StatusShows(string config, string metric, string value)
    {
        using ShipperProcess status = ShipperProcess.Run("status", config);
        status.WaitForExitAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        return status.Log.Split('\n').Any(line =>
        {
            string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return parts.Length == 2 && parts[0] == metric && parts[1] == value;
        });
    }
}
