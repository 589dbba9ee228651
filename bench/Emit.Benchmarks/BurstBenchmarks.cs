using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace WideEvents.Emit.Benchmarks;

/// <summary>
/// The cost of a call on the calling thread while the library's queue has room: each
/// iteration logs a burst of <see cref="Burst"/> records (an eighth of every queue), after a
/// pause in which the background writer catches up. <see cref="CallBenchmarks"/> logs without
/// pauses, so there the async libraries are held to their writer's pace by their full queues.
/// </summary>
[Config(typeof(BurstConfig))]
[MemoryDiagnoser]
public class BurstBenchmarks
{
    public const int Burst = 8_192;

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
        _directory = Path.Combine(Path.GetTempPath(), "emit-bench", $"burst-{Library}-{Environment.ProcessId}");
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        _target = Target.Create(Library, _directory);
    }

    [IterationSetup]
    public void LetTheWriterCatchUp() => Thread.Sleep(100);

    [Benchmark(OperationsPerInvoke = Burst)]
    public void OneEventInBurst()
    {
        var target = _target;
        for (var i = 0; i < Burst; i++)
        {
            target.Log();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _target.Finish();
        try
        {
            _target.Verify();
            Console.WriteLine($"// sanity: burst {Library}: {_target.Calls} calls, {_target.RecordsWritten()} records, {_target.BytesWritten() / Math.Max(1, _target.Calls)} bytes/record{_target.Notes}");
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private sealed class BurstConfig : ManualConfig
    {
        public BurstConfig()
        {
            AddJob(Job.Default
                .WithLaunchCount(1)
                .WithWarmupCount(5)
                .WithIterationCount(30)
                .WithInvocationCount(1)
                .WithUnrollFactor(1)
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithId("Burst5x30"));
            AddDiagnoser(MemoryDiagnoser.Default);
            AddColumn(StatisticColumn.Median, StatisticColumn.Min);
        }
    }
}
