using System.Globalization;

namespace WideEvents.Shipper.Sources.Host;

/// <summary>One reading of the host's counters in <c>/proc</c>; rates come from two readings.</summary>
internal sealed class ProcStat
{
    // USER_HZ, the unit of /proc's CPU times, is 100 on every Linux ABI (sysconf(_SC_CLK_TCK)).
    public const double TicksPerSecond = 100;

    public double CpuBusyTicks { get; private init; }

    public double CpuTotalTicks { get; private init; }

    public double DiskReadBytes { get; private init; }

    public double DiskWrittenBytes { get; private init; }

    public double NetReceivedBytes { get; private init; }

    public double NetSentBytes { get; private init; }

    public static ProcStat Read(string proc = "/proc")
    {
        string[] cpu = File.ReadLines(Path.Combine(proc, "stat")).First(l => l.StartsWith("cpu ", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        double[] t = [.. cpu.Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture))];
        // user nice system idle iowait irq softirq steal (guest times are already in user and nice).
        double total = t.Take(8).Sum();
        double idle = t[3] + (t.Length > 4 ? t[4] : 0);
        double read = 0, written = 0;
        foreach (string line in File.ReadLines(Path.Combine(proc, "diskstats")))
        {
            string[] f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // Whole disks only (they are in /sys/block), so a partition's bytes are not counted twice.
            if (f.Length >= 10 && Directory.Exists(Path.Combine("/sys/block", f[2])) && !f[2].StartsWith("loop", StringComparison.Ordinal) && !f[2].StartsWith("ram", StringComparison.Ordinal))
            {
                read += double.Parse(f[5], CultureInfo.InvariantCulture) * 512;
                written += double.Parse(f[9], CultureInfo.InvariantCulture) * 512;
            }
        }

        double received = 0, sent = 0;
        foreach (string line in File.ReadLines(Path.Combine(proc, "net", "dev")).Skip(2))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0 || line[..colon].Trim() == "lo")
            {
                continue;
            }

            string[] f = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            received += double.Parse(f[0], CultureInfo.InvariantCulture);
            sent += double.Parse(f[8], CultureInfo.InvariantCulture);
        }

        return new ProcStat { CpuBusyTicks = total - idle, CpuTotalTicks = total, DiskReadBytes = read, DiskWrittenBytes = written, NetReceivedBytes = received, NetSentBytes = sent };
    }

    /// <summary><c>MemTotal</c> and <c>MemAvailable</c> in bytes.</summary>
    public static (double Total, double Available) Memory(string proc = "/proc")
    {
        double total = 0, available = 0;
        foreach (string line in File.ReadLines(Path.Combine(proc, "meminfo")))
        {
            if (line.StartsWith("MemTotal:", StringComparison.Ordinal))
            {
                total = Kilobytes(line);
            }
            else if (line.StartsWith("MemAvailable:", StringComparison.Ordinal))
            {
                available = Kilobytes(line);
            }
        }

        return (total, available);
    }

    /// <summary>The 1-minute load average.</summary>
    public static double Load(string proc = "/proc") =>
        double.Parse(File.ReadAllText(Path.Combine(proc, "loadavg")).Split(' ')[0], CultureInfo.InvariantCulture);

    private static double Kilobytes(string line) =>
        double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
}
