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
public class CallBenchmarks : TargetBenchmarks
{
    protected override string Kind => "call";

    [Benchmark]
    public void OneEvent() => Target.Log();

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
