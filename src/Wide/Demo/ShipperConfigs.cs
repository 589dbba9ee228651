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
}
