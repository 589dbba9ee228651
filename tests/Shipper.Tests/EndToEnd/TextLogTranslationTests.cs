using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WideEvents.Shipper.Tests.Support;

namespace WideEvents.Shipper.Tests.EndToEnd;

public sealed partial class TextLogTranslationTests
{
    // Parsl's DEFAULT_FORMAT header, written out here on its own, to count entries independently of the shipper's parser.
    [GeneratedRegex(@"^\d+\.\d+ \d{4}-\d\d-\d\d \d\d:\d\d:\d\d ")]
    private static partial Regex ParslHeader();

    private static ShipperPair Pair(string include, string? format = null) => new(sidecar: config =>
    {
        JsonObject files = config["Sources"]!["Files"]![0]!.AsObject();
        files["Include"] = new JsonArray(include);
        files["PathField"] = "path";
        files["EntryWaitMilliseconds"] = 300;
        if (format is not null)
        {
            files["Format"] = format;
        }
    });

    private static string[] Quarantined(ShipperPair pair)
    {
        string path = Path.Combine(pair.SidecarData, "quarantine.jsonl");
        return File.Exists(path) ? File.ReadAllLines(path) : [];
    }

    [Fact]
    public async Task A_sidecar_tailing_the_nf_core_parsl_log_ships_its_entries_as_records_with_parsl_task_id_and_quarantines_none()
    {
        using ShipperPair pair = Pair("in/**/*.log");
        string source = RealLogs.Path("nf-core-cellpainting-htex-parsl-2025.05.12", "runinfo", "001", "parsl.log");
        string[] lines = File.ReadAllLines(source);
        int entries = lines.Count(l => ParslHeader().IsMatch(l));
        Assert.True(entries > 500 && entries < lines.Length, $"{entries} entries in {lines.Length} lines");
        string path = Path.Combine(pair.InputDirectory, "runinfo", "001", "parsl.log");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Copy(source, path);

        pair.StartCollector();
        pair.StartSidecar();
        await Eventually.HoldsAsync(() => pair.StoredThrough() >= (ulong)entries, TimeSpan.FromSeconds(60), pair.Logs);

        List<JsonElement> records = [.. pair.StoredLines().Select(l => JsonDocument.Parse(l).RootElement)];
        Assert.Equal(entries, records.Count);
        Assert.Empty(Quarantined(pair));
        Assert.All(records, r => Assert.Equal(path, r.GetProperty("path").GetString()));
        Assert.All(records, r => Assert.True(r.TryGetProperty("@t", out _) && r.TryGetProperty("created", out _) && r.TryGetProperty("levelname", out _)));
        int withTask = records.Count(r => r.TryGetProperty("parsl_task_id", out _));
        Assert.True(withTask > 100, $"{withTask} records name a task");

        // The Config repr after the first header line is part of the first record, not 28 bad lines.
        string first = records[0].GetProperty("message").GetString()!;
        Assert.StartsWith("Starting DataFlowKernel with config\nConfig(", first, StringComparison.Ordinal);
        Assert.Equal(lines.TakeWhile((l, i) => i == 0 || !ParslHeader().IsMatch(l)).Count(), first.Split('\n').Length);
        Assert.Equal(1777400530.561765, records[0].GetProperty("created").GetDouble());
        Assert.Equal("2026-04-28T18:22:10.5617650Z", records[0].GetProperty("@t").GetString());
    }

    [Fact]
    public async Task A_traceback_written_after_its_header_joins_the_entry_and_lines_before_any_entry_are_quarantined()
    {
        using ShipperPair pair = Pair("in/*.txt", format: "ParslText");
        string path = Path.Combine(pair.InputDirectory, "parsl.txt");
        const string header = "1700000000.250000 2023-11-14 22:13:20 MainProcess-7 MainThread-9 parsl.dataflow.dflow:300 handle_exec_update ERROR: Task 42 failed";
        File.WriteAllText(path, "stray line before any entry\n" + header + "\n");
        pair.StartCollector();
        pair.StartSidecar();
        await Task.Delay(100);
        File.AppendAllText(path, "Traceback (most recent call last):\n  File \"x.py\", line 1\nValueError: boom\n");
        await Eventually.HoldsAsync(() => pair.StoredThrough() >= 1, TimeSpan.FromSeconds(30), pair.Logs);

        JsonElement record = JsonDocument.Parse(pair.StoredLines().Single()).RootElement;
        Assert.Equal("Task 42 failed\nTraceback (most recent call last):\n  File \"x.py\", line 1\nValueError: boom", record.GetProperty("message").GetString());
        Assert.Equal("42", record.GetProperty("parsl_task_id").GetString());
        Assert.Equal("ERROR", record.GetProperty("levelname").GetString());
        Assert.Equal("test-host", record.GetProperty("host").GetString());
        JsonElement quarantined = JsonDocument.Parse(Quarantined(pair).Single()).RootElement;
        Assert.Equal("not_in_format", quarantined.GetProperty("reason").GetString());
        Assert.Equal(0, quarantined.GetProperty("offset").GetInt64());

        // The next entry is its own record; the one before it was already shipped whole.
        File.AppendAllText(path, header.Replace("Task 42 failed", "Task 43 launched", StringComparison.Ordinal) + "\n");
        await Eventually.HoldsAsync(() => pair.StoredThrough() >= 2, TimeSpan.FromSeconds(30), pair.Logs);
        Assert.Equal("43", JsonDocument.Parse(pair.StoredLines()[1]).RootElement.GetProperty("parsl_task_id").GetString());
    }

    [Fact]
    public async Task A_work_queue_transaction_log_is_recognised_and_ships_one_record_per_transaction()
    {
        using ShipperPair pair = Pair("in/*");
        string source = RealLogs.Path("workqueue-generated-debian-cctools", "transaction_log");
        string[] lines = File.ReadAllLines(source);
        int transactions = lines.Count(l => l.Length > 0 && l[0] != '#');
        File.Copy(source, Path.Combine(pair.InputDirectory, "transaction_log"));
        pair.StartCollector();
        pair.StartSidecar();
        await Eventually.HoldsAsync(() => pair.StoredThrough() >= (ulong)transactions, TimeSpan.FromSeconds(60), pair.Logs);

        List<JsonElement> records = [.. pair.StoredLines().Select(l => JsonDocument.Parse(l).RootElement)];
        Assert.Equal(transactions, records.Count);
        Assert.Empty(Quarantined(pair));
        Assert.All(records, r => Assert.Equal("workqueue", r.GetProperty("wq_system").GetString()));
        Assert.Contains(records, r => r.TryGetProperty("wq_task_id", out _) && r.GetProperty("wq_task_state").GetString() == "DONE");
    }
}
