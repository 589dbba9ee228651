using System.Globalization;

namespace WideEvents.Cli.Demo;

/// <summary>The collector and sidecar configurations the demo writes for wide-shipper.</summary>
internal static class ShipperConfigs
{
    public static string Collector(int port) => $$"""
        {
          "DataDirectory": "collector-data",
          "Grpc": { "Address": "127.0.0.1", "Port": {{port.ToString(CultureInfo.InvariantCulture)}} },
          "Sinks": { "Stores": [ { "Name": "store", "Directory": "../store" } ] },
          "Health": { "IntervalSeconds": 2 }
        }
        """;

    public static string Sidecar(int collectorPort) => $$"""
        {
          "DataDirectory": "sidecar-data",
          "Sources": {
            "Files": [
              {
                "Name": "runinfo",
                "BaseDirectory": "..",
                "Include": [ "runinfo/**/*.jsonl" ],
                "PathPattern": "runinfo/{run}/**",
                "PollMilliseconds": 100
              }
            ]
          },
          "Sinks": { "Grpc": [ { "Name": "collector", "Address": "http://127.0.0.1:{{collectorPort.ToString(CultureInfo.InvariantCulture)}}" } ] },
          "Health": { "IntervalSeconds": 2 }
        }
        """;

    /// <summary>A collector consuming the local JetStream's WIDE stream into the store (no TCP port: nothing is pushed to it).</summary>
    public static string NatsCollector(int natsPort) => $$"""
        {
          "DataDirectory": "collector-data",
          "Sources": { "Nats": [ { "Name": "nats", "Servers": [ "nats://127.0.0.1:{{natsPort.ToString(CultureInfo.InvariantCulture)}}" ], "Stream": "WIDE", "Durable": "demo-collector" } ] },
          "Sinks": { "Stores": [ { "Name": "store", "Directory": "../store" } ] },
          "Health": { "IntervalSeconds": 2 }
        }
        """;

    /// <summary>The sidecar publishing to the local JetStream (it creates the WIDE stream, one replica).</summary>
    public static string NatsSidecar(int natsPort) => Sidecar(0).Replace(
        "\"Grpc\": [ { \"Name\": \"collector\", \"Address\": \"http://127.0.0.1:0\" } ]",
        $$"""
        "Nats": [ { "Name": "nats", "Servers": [ "nats://127.0.0.1:{{natsPort.ToString(CultureInfo.InvariantCulture)}}" ], "Stream": "WIDE", "Replicas": 1 } ]
        """,
        StringComparison.Ordinal);
}
