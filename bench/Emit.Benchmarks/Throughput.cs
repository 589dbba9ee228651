using System.Diagnostics;
using System.Globalization;

namespace WideEvents.Emit.Benchmarks;

/// <summary>
/// End to end: N records into a fresh logger on one thread, then dispose, which drains the
/// queues and flushes the file; the clock stops when the last record is on disk (in the page
/// cache). Each library runs 5 times, round robin; the median and the best run are printed. Every run counts the lines.
/// </summary>
internal static class Throughput
{
    public static int Run(int records, int runs, IReadOnlyList<Library> libraries)
    {
        var root = Path.Combine(Path.GetTempPath(), "emit-throughput", Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Console.WriteLine($"# {records:N0} records per run, {runs} runs per library, median shown; {Environment.ProcessorCount} cores");
        Console.WriteLine($"# load before: {LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine("| Library | records/s until flushed (median) | (best run) | records/s on the caller, loop only (median) | caller ns/record | allocated B/record, caller thread | bytes/record | gen0/gen1/gen2 in a run |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        // One short run of each first, so every measured run is JIT-compiled and warm.
        foreach (var library in libraries)
        {
            Once(library, Path.Combine(root, "warmup"), Math.Min(records, 100_000));
        }

        // Round robin: run i of every library, then run i + 1, so a change in the machine's
        // load (it is shared) falls on all libraries alike rather than on one.
        var results = libraries.ToDictionary(l => l, _ => new List<Result>());
        for (var i = 0; i < runs; i++)
        {
            foreach (var library in libraries)
            {
                results[library].Add(Once(library, Path.Combine(root, $"{library}-{i}"), records));
            }
        }

        var notes = new List<string>();
        foreach (var library in libraries)
        {
            var runsOf = results[library];
            var e2e = Median(runsOf.Select(r => r.EndToEnd));
            var best = runsOf.Max(r => r.EndToEnd);
            var loop = Median(runsOf.Select(r => r.Loop));
            var alloc = Median(runsOf.Select(r => r.AllocatedPerRecord));
            var bytes = runsOf[0].BytesPerRecord;
            var gcs = runsOf[runsOf.Count / 2].Gcs;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {library} | {e2e:N0} | {best:N0} | {loop:N0} | {1e9 / loop:N0} | {alloc:N1} | {bytes:N0} | {gcs} |"));
            if (runsOf[runsOf.Count / 2].Notes.Length > 0)
            {
                notes.Add($"{library}{runsOf[runsOf.Count / 2].Notes}");
            }
        }

        Console.WriteLine();
        foreach (var note in notes)
        {
            Console.WriteLine($"# {note}");
        }

        Console.WriteLine($"# load after: {LoadAverage()}");
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        return 0;
    }

    private static Result Once(Library library, string directory, int records)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var target = Target.Create(library, directory);
        var g0 = GC.CollectionCount(0);
        var g1 = GC.CollectionCount(1);
        var g2 = GC.CollectionCount(2);
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < records; i++)
        {
            target.Log();
        }

        var loop = clock.Elapsed;
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        target.Finish();
        var total = clock.Elapsed;
        var gcs = $"{GC.CollectionCount(0) - g0}/{GC.CollectionCount(1) - g1}/{GC.CollectionCount(2) - g2}";
        target.Verify();
        var bytes = target.BytesWritten();
        var notes = target.Notes;
        Directory.Delete(directory, recursive: true);

        // Per record, not per call: a span writes two records per call.
        var written = (double)target.Calls;
        return new Result(
            written / total.TotalSeconds,
            written / loop.TotalSeconds,
            allocated / written,
            bytes / written,
            gcs,
            notes);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";

    private sealed record Result(double EndToEnd, double Loop, double AllocatedPerRecord, double BytesPerRecord, string Gcs, string Notes);
}
