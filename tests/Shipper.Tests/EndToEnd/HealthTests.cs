using System.Text.Json;
using System.Text.Json.Nodes;
using WideEvents.Shipper.Tests.Support;

namespace WideEvents.Shipper.Tests.EndToEnd;

public sealed class HealthTests
{
    [Fact]
    public async Task Health_metrics_are_emitted_as_wide_event_records_with_metric_and_value()
    {
        using var root = new TempDirectory();
        string health = root.Combine("health");
        using var pair = new ShipperPair(sidecar: s =>
        {
            s["WideEvents"] = new JsonObject
            {
                ["Component"] = "wide-shipper",
                ["Handlers"] = new JsonArray(new JsonObject { ["Type"] = "File", ["Directory"] = health, ["RequireKey"] = "metric" }),
            };
            s["Logging"] = new JsonObject { ["LogLevel"] = new JsonObject { ["Default"] = "Information" } };
        });
        pair.StartCollector();
        pair.StartSidecar();
        RecordWriter.Append(Path.Combine(pair.InputDirectory, "app.jsonl"), 1, 250);

        await Eventually.HoldsAsync(() => RecordsIn(health) == 250, TimeSpan.FromSeconds(30), pair.Logs);
    }

    /// <summary>The latest records_in metric record written by the sidecar, or -1.</summary>
    private static long RecordsIn(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return -1;
        }

        long latest = -1;
        foreach (string file in Directory.GetFiles(directory, "*.jsonl"))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } line)
            {
                try
                {
                    using JsonDocument record = JsonDocument.Parse(line);
                    if (record.RootElement.TryGetProperty("metric", out JsonElement metric) && metric.GetString() == "records_in")
                    {
                        latest = record.RootElement.GetProperty("value").GetInt64();
                    }
                }
                catch (JsonException)
                {
                    // The last line may be half written.
                }
            }
        }

        return latest;
    }
}
