using System.Globalization;
using BenchmarkDotNet.Running;
using WideEvents.Emit.Benchmarks;

// --throughput [records] [runs] [Library,...]: end-to-end records/s until flushed, Stopwatch.
// Anything else goes to BenchmarkDotNet (e.g. --filter '*CallBenchmarks*').
if (args.Length > 0 && args[0] == "--throughput")
{
    var records = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
    var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
    var libraries = args.Length > 3
        ? args[3].Split(',').Select(Enum.Parse<Library>).ToArray()
        : Target.Selected();
    return Throughput.Run(records, runs, libraries);
}

// --rate [records/s] [seconds]: CPU of Emit's own threads at a steady rate (Linux).
if (args.Length > 0 && args[0] == "--rate")
{
    var perSecond = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
    var seconds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10;
    return Rate.Run(perSecond, seconds);
}

if (args.Length > 0 && args[0] == "--sample")
{
    // One record from each file-writing library, to see what each one writes.
    foreach (var library in new[] { Library.EmitLoggerMessage, Library.EmitLogInformation, Library.SerilogFile, Library.SerilogAsyncFile, Library.ZLoggerFile })
    {
        var directory = Path.Combine(Path.GetTempPath(), "emit-sample", library.ToString());
        var target = Target.Create(library, directory);
        target.Log();
        target.Finish();
        target.Verify();
        Console.WriteLine($"{library}: {target.SampleRecord()}");
        Directory.Delete(directory, recursive: true);
    }

    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(CallBenchmarks).Assembly).Run(args);
return 0;
