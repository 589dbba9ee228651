using BenchmarkDotNet.Attributes;

namespace WideEvents.Emit.Benchmarks;

/// <summary>
/// What every per-call benchmark shares: one library (a parameter) writing to a fresh directory,
/// and at the end a flush, a count of the lines against the calls, and the directory removed.
/// </summary>
public abstract class TargetBenchmarks
{
    private string _directory = null!;

    [ParamsSource(nameof(Libraries))]
    public Library Library { get; set; }

    /// <summary>All libraries, or those in EMIT_BENCH_LIBRARIES (comma-separated), in that order.</summary>
    public static IEnumerable<Library> Libraries => Target.Selected();

    private protected Target Target { get; private set; } = null!;

    /// <summary>Names this benchmark's directories and its sanity line.</summary>
    protected abstract string Kind { get; }

    [GlobalSetup]
    public void Setup()
    {
        Warmup.EnsureOnce();
        _directory = Path.Combine(Path.GetTempPath(), "emit-bench", $"{Kind}-{Library}-{Environment.ProcessId}");
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        Target = Target.Create(Library, _directory);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Target.Finish();
        try
        {
            Target.Verify();
            Console.WriteLine($"// sanity: {Kind} {Library}: {Target.Calls} calls, {Target.RecordsWritten()} records, {Target.BytesWritten() / Math.Max(1, Target.Calls)} bytes/record{Target.Notes}");
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
