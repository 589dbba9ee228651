using System.Text.Json;
using System.Text.Json.Nodes;

namespace WideEvents.Shipper.Tests.Support;

/// <summary>
/// A sidecar tailing <c>in/*.jsonl</c> and shipping over loopback gRPC to a collector that
/// stores, each a real process with its own data directory, restartable after a kill.
/// </summary>
internal sealed class ShipperPair : IDisposable
{
    private readonly TempDirectory _root = new();

    /// <param name="storeDirectory">Where the collector stores; default <c>store</c> under the pair's directory.</param>
    public ShipperPair(string? token = null, Action<JsonObject>? sidecar = null, Action<JsonObject>? collector = null, string? storeDirectory = null)
    {
        Port = FreePort.Next();
        StoreDirectory = storeDirectory ?? _root.Combine("store");
        Directory.CreateDirectory(InputDirectory);
        var collectorConfig = new JsonObject
        {
            ["DataDirectory"] = "collector-data",
            ["Grpc"] = new JsonObject { ["Port"] = Port },
            ["Health"] = new JsonObject { ["IntervalSeconds"] = 1 },
            ["Logging"] = Quiet(),
            ["Sinks"] = new JsonObject { ["Stores"] = new JsonArray(new JsonObject { ["Name"] = "store", ["Directory"] = StoreDirectory }) },
        };
        var sidecarConfig = new JsonObject
        {
            ["DataDirectory"] = "sidecar-data",
            ["Health"] = new JsonObject { ["IntervalSeconds"] = 1 },
            ["Logging"] = Quiet(),
            ["Sources"] = new JsonObject
            {
                ["Files"] = new JsonArray(new JsonObject
                {
                    ["Name"] = "in",
                    ["Include"] = new JsonArray("in/*.jsonl"),
                    ["Fields"] = new JsonObject { ["host"] = "test-host" },
                    ["PollMilliseconds"] = 50,
                    ["RotatedFileSeconds"] = 5,
                }),
            },
            ["Sinks"] = new JsonObject
            {
                ["Grpc"] = new JsonArray(new JsonObject
                {
                    ["Name"] = "collector",
                    ["Address"] = $"http://127.0.0.1:{Port}",
                    ["RetryBaseDelaySeconds"] = 0.1,
                    ["RetryMaxDelaySeconds"] = 0.5,
                    ["BreakSeconds"] = 0.5,
                    ["CallTimeoutSeconds"] = 10,
                }),
            },
        };
        if (token is not null)
        {
            File.WriteAllText(_root.Combine("token"), token + "\n");
            collectorConfig["Security"] = new JsonObject { ["TokenFile"] = "token" };
            sidecarConfig["Sinks"]!["Grpc"]![0]!["Token"] = new JsonObject { ["TokenFile"] = "token" };
        }

        sidecar?.Invoke(sidecarConfig);
        collector?.Invoke(collectorConfig);
        File.WriteAllText(SidecarConfig, sidecarConfig.ToJsonString());
        File.WriteAllText(CollectorConfig, collectorConfig.ToJsonString());
    }

    public int Port { get; }

    /// <summary>Metric records every second would drown a failing test's output.</summary>
    private static JsonObject Quiet() => new() { ["LogLevel"] = new JsonObject { ["WideEvents.Shipper.Health"] = "Warning" } };

    public string Root => _root.Path;

    public string InputDirectory => _root.Combine("in");

    public string StoreDirectory { get; }

    public string SidecarConfig => _root.Combine("sidecar.json");

    public string CollectorConfig => _root.Combine("collector.json");

    public string SidecarData => _root.Combine("sidecar-data");

    public ShipperProcess? Sidecar { get; private set; }

    public ShipperProcess? Collector { get; private set; }

    public void StartCollector() => Collector = ShipperProcess.Start(CollectorConfig);

    public void StartSidecar() => Sidecar = ShipperProcess.Start(SidecarConfig);

    public void KillCollector() => Collector?.Kill();

    public void KillSidecar() => Sidecar?.Kill();

    /// <summary>Sum over sources of the store's committed high-water sequences.</summary>
    public ulong StoredThrough()
    {
        string state = Path.Combine(StoreDirectory, "store-state.json");
        try
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(state));
            ulong total = 0;
            foreach (JsonProperty source in document.RootElement.EnumerateObject())
            {
                total += source.Value.GetProperty("Through").GetUInt64();
            }

            return total;
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return 0;
        }
    }

    /// <summary>Every line of every store file; none before the collector made the store.</summary>
    public List<string> StoredLines() => !Directory.Exists(StoreDirectory) ? [] :
        [.. Directory.EnumerateFiles(StoreDirectory, "*.jsonl").Order(StringComparer.Ordinal).SelectMany(File.ReadLines)];

    public string Logs() => $"--- sidecar ---\n{Sidecar?.Log}\n--- collector ---\n{Collector?.Log}";

    public void Dispose()
    {
        Sidecar?.Dispose();
        Collector?.Dispose();
        _root.Dispose();
    }
}
