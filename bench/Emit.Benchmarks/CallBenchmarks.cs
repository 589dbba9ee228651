using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace WideEvents.Emit.Benchmarks;

/// <summary>
/// The cost of one call on the calling thread, with the library's background writer running
/// as it would in an application. Every call is counted; at the end the file is flushed and
/// its lines are counted, and a missing record fails the benchmark.
/// </summary>
[Config(typeof(ShortConfig))]
[MemoryDiagnoser]
public class CallBenchmarks
{
    private Target _target = null!;
    private string _directory = null!;

    [ParamsSource(nameof(Libraries))]
    public Library Library { get; set; }

    /// <summary>All libraries, or those in EMIT_BENCH_LIBRARIES (comma-separated), in that order.</summary>
    public static IEnumerable<Library> Libraries => Target.Selected();

    [GlobalSetup]
    public void Setup()
    {
        Warmup.EnsureOnce();
        _directory = Path.Combine(Path.GetTempPath(), "emit-bench", $"{Library}-{Environment.ProcessId}");
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        _target = Target.Create(Library, _directory);
    }

    [Benchmark]
    public void OneEvent() => _target.Log();

    [GlobalCleanup]
    public void Cleanup()
    {
        _target.Finish();
        try
        {
            _target.Verify();
            Console.WriteLine($"// sanity: {Library}: {_target.Calls} calls, {_target.RecordsWritten()} records, {_target.BytesWritten() / Math.Max(1, _target.Calls)} bytes/record{_target.Notes}");
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private sealed class ShortConfig : ManualConfig
    {
        public ShortConfig()
        {
            AddJob(Job.Default
                .WithLaunchCount(1)
                .WithWarmupCount(3)
                .WithIterationCount(10)
                .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(250))
                // In process: the project's file name (Emit.Benchmarks) differs from its assembly
                // name (WideEvents.Emit.Benchmarks, which src/Emit grants internals to), and
                // BenchmarkDotNet's out-of-process toolchain cannot find the project then.
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithId("Short3x10"));
            AddDiagnoser(MemoryDiagnoser.Default);
            AddColumn(StatisticColumn.Median, StatisticColumn.Min);
        }
    }
}
