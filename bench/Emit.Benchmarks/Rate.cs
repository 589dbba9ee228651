using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace WideEvents.Emit.Benchmarks;

/// <summary>
/// The cost of Emit's own threads at a steady rate: the calling thread logs N records per second
/// (paced in 1 ms steps) for some seconds through a bound logger to a file, and the CPU time of
/// each of the process's threads is read from /proc, so Emit's formatter and file threads are
/// seen apart from the caller. Linux only.
/// </summary>
internal static class Rate
{
    public static int Run(int perSecond, int seconds)
    {
        var directory = Path.Combine(Path.GetTempPath(), "emit-rate", Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Console.WriteLine($"# {perSecond:N0} records/s for {seconds} s through a bound logger, [LoggerMessage], one File handler; load before: {Throughput.LoadAverage()}");
        var target = (EmitTarget)Target.Create(Library.EmitLoggerMessage, directory);
        var before = ThreadTimes();
        var clock = Stopwatch.StartNew();
        var total = (long)perSecond * seconds;
        long written = 0;
        while (written < total)
        {
            // Catch up to where the clock says we should be, then wait for the next millisecond.
            var due = Math.Min(total, (long)(clock.Elapsed.TotalSeconds * perSecond));
            for (; written < due; written++)
            {
                target.Log();
            }

            Thread.Sleep(1);
        }

        var elapsed = clock.Elapsed.TotalSeconds;
        var after = ThreadTimes();
        target.Finish();
        target.Verify();
        Directory.Delete(directory, recursive: true);

        Console.WriteLine();
        Console.WriteLine("| thread | CPU s | share of one core |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var (name, cpu) in after.Select(a => (a.Key, a.Value - before.GetValueOrDefault(a.Key))).Where(t => t.Item2 > 0.005).OrderByDescending(t => t.Item2))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {cpu:0.00} | {cpu / elapsed:P1} |"));
        }

        Console.WriteLine();
        Console.WriteLine($"# {written:N0} records in {elapsed:0.0} s; load after: {Throughput.LoadAverage()}");
        return 0;
    }

    /// <summary>CPU seconds per thread name (threads of one name summed).</summary>
    private static Dictionary<string, double> ThreadTimes()
    {
        var ticks = 100.0; // USER_HZ on Linux
        var times = new Dictionary<string, double>();
        foreach (var task in Directory.GetDirectories("/proc/self/task"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var open = stat.IndexOf('(', StringComparison.Ordinal);
                var close = stat.LastIndexOf(')');
                var name = stat[(open + 1)..close];
                var fields = stat[(close + 2)..].Split(' ');
                var cpu = (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / ticks;
                times[name] = times.GetValueOrDefault(name) + cpu;
            }
            catch (IOException)
            {
                // The thread ended meanwhile.
            }
        }

        return times;
    }
}
