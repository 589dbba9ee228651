namespace WideEvents.Analyze.Tests;

/// <summary>Paths of the real logs, found from the repository root above the test binaries.</summary>
internal static class RealLogs
{
    public static string RepoRoot { get; } = FindRoot();

    public static string Dir(string folder) => Path.Combine(RepoRoot, "tests", "data", "real-logs", folder);

    public static string Uniform => Dir("parsl-benc-observability-run-uniform");

    public static string Diamond => Dir("parsl-benc-observability-run-diamond");

    public static string NfCore => Dir("nf-core-cellpainting-htex-parsl-2025.05.12");

    /// <summary>A user's own lifecycle file: Work Queue workers from their CONNECTION and DISCONNECTION lines.</summary>
    public static string WorkersLifecycle => Path.Combine(RepoRoot, "tests", "data", "lifecycles", "workqueue-workers.lifecycle.json");

    public static string ParslRules => Path.Combine(AppContext.BaseDirectory, "Rules", "parsl.rules.json");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WideEvents.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("WideEvents.sln not found above " + AppContext.BaseDirectory);
    }
}
