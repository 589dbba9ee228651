using System.Text.Json;
using WideEvents.Shipper.CommandLine;

namespace WideEvents.Shipper.Health;

/// <summary>
/// <c>wide-shipper status</c>: whether a shipper is running on the data directory (it holds the
/// directory's lock), and the metrics it last wrote there, with their age.
/// </summary>
internal static class StatusCommand
{
    /// <summary>A status older than this many health intervals means the running shipper is stuck.</summary>
    public const int StaleAfterIntervals = 3;

    public static int Run(string dataDirectory, TimeSpan interval, TextWriter output, TimeProvider time)
    {
        bool? holds = RunningShipper.HoldsLock(dataDirectory);
        if (holds is null)
        {
            output.WriteLine($"Cannot tell whether a wide-shipper is running on {dataDirectory}: {Path.Combine(dataDirectory, "lock")} cannot be opened (run status as the shipper's user).");
            return ShipperExitCodes.Refused;
        }

        bool running = holds.Value;
        output.WriteLine(running
            ? $"A wide-shipper is running on {dataDirectory} (it holds {Path.Combine(dataDirectory, "lock")})."
            : $"No wide-shipper is running on {dataDirectory}.");

        string path = Path.Combine(dataDirectory, HealthReporter.StatusFileName);
        ShipperStatus? status = Read(path, output);
        if (status is null)
        {
            return running ? ShipperExitCodes.Stale : ShipperExitCodes.Failed;
        }

        TimeSpan age = time.GetUtcNow() - status.WrittenAt;
        output.WriteLine($"Last status: written {age.TotalSeconds:F0} s ago ({status.WrittenAt:u}) by pid {status.ProcessId}, started {status.StartedAt:u}.");
        bool stale = running && age > interval * StaleAfterIntervals;
        if (stale)
        {
            output.WriteLine($"The status is older than {StaleAfterIntervals} health intervals ({(interval * StaleAfterIntervals).TotalSeconds:F0} s): the running shipper may be stuck.");
        }

        int width = status.Metrics.Keys.DefaultIfEmpty(string.Empty).Max(k => k.Length);
        foreach ((string name, long value) in status.Metrics)
        {
            output.WriteLine($"  {name.PadRight(width)}  {value,15:N0}");
        }

        return !running ? ShipperExitCodes.Failed : stale ? ShipperExitCodes.Stale : ShipperExitCodes.Ok;
    }

    private static ShipperStatus? Read(string path, TextWriter output)
    {
        if (!File.Exists(path))
        {
            output.WriteLine($"No status at {path}: the shipper has not run with this configuration yet.");
            return null;
        }

        try
        {
            ShipperStatus? status = JsonSerializer.Deserialize(File.ReadAllBytes(path), ShipperStatusJson.Default.ShipperStatus);
            if (status is null)
            {
                output.WriteLine($"Unreadable status at {path}.");
            }

            return status;
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            output.WriteLine($"Unreadable status at {path}: {e.Message}");
            return null;
        }
    }
}
