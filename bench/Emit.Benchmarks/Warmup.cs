namespace WideEvents.Emit.Benchmarks;

/// <summary>
/// BenchmarkDotNet runs every case in this one process (in-process toolchain), so whichever
/// case came first would pay for JIT-compiling the libraries. Each setup calls this first: a
/// short run of every library, checked like the real ones, once per process.
/// </summary>
internal static class Warmup
{
    private static bool s_done;

    public static void EnsureOnce()
    {
        if (s_done)
        {
            return;
        }

        foreach (var library in Enum.GetValues<Library>())
        {
            var directory = Path.Combine(Path.GetTempPath(), "emit-bench", $"warmup-{library}-{Environment.ProcessId}");
            var target = Target.Create(library, directory);
            for (var i = 0; i < 20_000; i++)
            {
                target.Log();
            }

            target.Finish();
            target.Verify();
            Directory.Delete(directory, recursive: true);
        }

        s_done = true;
    }
}
