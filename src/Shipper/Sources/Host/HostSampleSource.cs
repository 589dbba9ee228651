using Microsoft.Extensions.Hosting;
using WideEvents.Shipper.Buffer;
using WideEvents.Shipper.Configuration;
using WideEvents.Shipper.Records;

namespace WideEvents.Shipper.Sources.Host;

/// <summary>
/// Samples the host every <see cref="HostSourceOptions.IntervalSeconds"/> as metric records:
/// <c>host_cpu_busy_ratio</c>, <c>host_load1</c>, <c>host_memory_used_bytes</c>,
/// <c>host_memory_available_bytes</c>, <c>host_disk_read_bytes_per_s</c>,
/// <c>host_disk_written_bytes_per_s</c>, <c>host_net_received_bytes_per_s</c>,
/// <c>host_net_sent_bytes_per_s</c>, and per process it ships for (<see cref="ShippedProcesses"/>)
/// <c>process_cpu_ratio</c> (cores busy) and <c>process_rss_bytes</c> with its <c>pid</c> and
/// <c>process_name</c>. Rates need two samples, so the first sample gives only the levels.
/// </summary>
internal sealed class HostSampleSource(HostSourceOptions options, IReadOnlyList<FileSourceOptions> files, IRunDestination buffer, LineIntake intake, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var records = new GeneratedRecords(options.Name, "/proc", options.Fields, intake);
        var processes = options.Processes ? new ShippedProcesses(files) : null;
        ProcStat? last = null;
        DateTimeOffset lastTime = default;
        var lastCpu = new Dictionary<int, double>();
        var interval = TimeSpan.FromSeconds(Math.Max(0.1, options.IntervalSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            DateTimeOffset now = time.GetUtcNow();
            ProcStat stat = ProcStat.Read();
            (double total, double available) = ProcStat.Memory();
            records.Metric(now, "host_load1", ProcStat.Load());
            records.Metric(now, "host_memory_used_bytes", total - available);
            records.Metric(now, "host_memory_available_bytes", available);
            double seconds = (now - lastTime).TotalSeconds;
            if (last is not null && seconds > 0)
            {
                double ticks = stat.CpuTotalTicks - last.CpuTotalTicks;
                records.Metric(now, "host_cpu_busy_ratio", ticks > 0 ? (stat.CpuBusyTicks - last.CpuBusyTicks) / ticks : 0);
                records.Metric(now, "host_disk_read_bytes_per_s", (stat.DiskReadBytes - last.DiskReadBytes) / seconds);
                records.Metric(now, "host_disk_written_bytes_per_s", (stat.DiskWrittenBytes - last.DiskWrittenBytes) / seconds);
                records.Metric(now, "host_net_received_bytes_per_s", (stat.NetReceivedBytes - last.NetReceivedBytes) / seconds);
                records.Metric(now, "host_net_sent_bytes_per_s", (stat.NetSentBytes - last.NetSentBytes) / seconds);
            }

            if (processes is not null)
            {
                var cpu = new Dictionary<int, double>();
                foreach ((int pid, string name, double cpuSeconds, double rss) in processes.Read())
                {
                    cpu[pid] = cpuSeconds;
                    void Identify(GeneratedRecords r)
                    {
                        r.Add("pid", pid);
                        r.Add("process_name", name);
                    }

                    records.Metric(now, "process_rss_bytes", rss, Identify);
                    if (lastCpu.TryGetValue(pid, out double before) && seconds > 0)
                    {
                        records.Metric(now, "process_cpu_ratio", (cpuSeconds - before) / seconds, Identify);
                    }
                }

                lastCpu = cpu;
            }

            await records.ShipAsync(buffer, stoppingToken).ConfigureAwait(false);
            last = stat;
            lastTime = now;
            await Task.Delay(interval, time, stoppingToken).ConfigureAwait(false);
        }
    }
}
