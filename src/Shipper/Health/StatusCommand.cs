using System.Text.Json;

namespace WideEvents.Shipper.Health;

/// <summary><c>wide-shipper status</c>: prints the metrics a running shipper last wrote to its data directory.</summary>
internal static class StatusCommand
{
    public static int Run(string dataDirectory, TextWriter output, TimeProvider time)
    {
        string path = Path.Combine(dataDirectory, HealthReporter.StatusFileName);
        if (!File.Exists(path))
        {
            output.WriteLine($"No status at {path}: the shipper has not run with this configuration yet.");
            return 1;
        }

        ShipperStatus? status = JsonSerializer.Deserialize<ShipperStatus>(File.ReadAllBytes(path), ShipperStatus.JsonOptions);
        if (status is null)
        {
            output.WriteLine($"Unreadable status at {path}.");
            return 1;
        }

        TimeSpan age = time.GetUtcNow() - status.WrittenAt;
        output.WriteLine($"pid {status.ProcessId}, started {status.StartedAt:u}, status written {age.TotalSeconds:F0} s ago");
        int width = status.Metrics.Keys.Max(k => k.Length);
        foreach ((string name, long value) in status.Metrics)
        {
            output.WriteLine($"  {name.PadRight(width)}  {value,15:N0}");
        }

        return 0;
    }
}
