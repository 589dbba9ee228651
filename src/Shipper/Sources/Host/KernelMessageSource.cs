using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WideEvents.Shipper.Buffer;
using WideEvents.Shipper.Configuration;
using WideEvents.Shipper.Records;

using WideEvents.Shipper.Hosting;

namespace WideEvents.Shipper.Sources.Host;

/// <summary>
/// Ships kernel messages from <c>/dev/kmsg</c>; an OOM-killer kill becomes a record with
/// <c>kernel_event</c> <c>oom_kill</c> and the killed <c>pid</c> (<see cref="OomKill"/>), which
/// <c>wide kills</c> joins to the process's records and its task. The last sequence shipped is
/// kept per boot in <c>kernel.NAME.json</c>, so a restarted shipper ships what the kernel logged
/// meanwhile (as far as its ring buffer still holds it), and nothing twice.
/// </summary>
internal sealed class KernelMessageSource(KernelSourceOptions options, string dataDirectory, IRunDestination buffer, LineIntake intake, TimeProvider time, ILogger<KernelMessageSource> logger) : BackgroundService
{
    private readonly string _statePath = Path.Combine(dataDirectory, $"kernel.{options.Name}.json");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        KernelLogDevice device;
        try
        {
            device = KernelLogDevice.Open(options.Path);
        }
        catch (IOException e)
        {
            logger.LogError("Kernel source {Name}: {Reason}; no kernel messages are shipped", options.Name, e.Message);
            return;
        }

        using (device)
        {
            string bootId = File.Exists("/proc/sys/kernel/random/boot_id") ? File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim() : "";
            ulong shipped = LoadShipped(bootId);
            DateTimeOffset boot = time.GetUtcNow() - TimeSpan.FromSeconds(Uptime());
            var records = new GeneratedRecords(options.Name, options.Path, options.Fields, intake);
            byte[] buffer8k = new byte[8192];
            while (!stoppingToken.IsCancellationRequested)
            {
                ulong last = shipped;
                int got;
                while ((got = device.Read(buffer8k)) > 0)
                {
                    if (!KernelMessage.TryParse(buffer8k.AsSpan(0, got), out KernelMessage message) || message.Sequence <= shipped && shipped > 0)
                    {
                        continue;
                    }

                    last = Math.Max(last, message.Sequence);
                    Write(records, message, boot);
                }

                if (!records.IsEmpty)
                {
                    await records.ShipAsync(buffer, stoppingToken).ConfigureAwait(false);
                }

                if (last != shipped)
                {
                    shipped = last;
                    SaveShipped(bootId, shipped);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(options.PollMilliseconds), time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private void Write(GeneratedRecords records, KernelMessage message, DateTimeOffset boot)
    {
        var oom = new List<(string Key, object Value)>();
        bool isOom = OomKill.TryDescribe(message.Text, (k, v) => oom.Add((k, v)));
        if (options.OomKillsOnly && !isOom)
        {
            return;
        }

        records.Begin(boot + TimeSpan.FromTicks(message.BootMicroseconds * 10));
        records.Add("@m", message.Text);
        if (message.Level is { } level)
        {
            records.Add("@l", level);
        }

        records.Add("logsource", "kernel");
        records.Add("kernel_seq", (long)message.Sequence);
        records.Add("kernel_facility", message.Priority >> 3);
        foreach ((string key, object value) in oom)
        {
            records.Add(key, value);
        }

        records.End();
    }

    private static double Uptime() =>
        double.Parse(File.ReadAllText("/proc/uptime").Split(' ')[0], CultureInfo.InvariantCulture);

    private ulong LoadShipped(string bootId)
    {
        try
        {
            using JsonDocument state = JsonDocument.Parse(File.ReadAllText(_statePath));
            return state.RootElement.GetProperty("BootId").GetString() == bootId ? state.RootElement.GetProperty("Sequence").GetUInt64() : 0;
        }
        catch (Exception e) when (e is IOException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return 0;
        }
    }

    private void SaveShipped(string bootId, ulong sequence)
    {
        string temporary = _statePath + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(new KernelShippedState(bootId, sequence), StateFileJson.Default.KernelShippedState));
        File.Move(temporary, _statePath, overwrite: true);
    }
}

/// <summary>The last kernel message shipped, per boot: what a restart resumes after.</summary>
internal sealed record KernelShippedState(string BootId, ulong Sequence);
