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
public class BurstBenchmarks : TargetBenchmarks
{
    public const int Burst = 8_192;

    protected override string Kind => "burst";

    [IterationSetup]
    public void LetTheWriterCatchUp() => Thread.Sleep(100);

    [Benchmark(OperationsPerInvoke = Burst)]
    public void OneEventInBurst()
    {
        var target = Target;
        for (var i = 0; i < Burst; i++)
        {
            target.Log();
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
