using WideEvents.Analyze.Loaders;
using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Algebra;

/// <summary>
/// The rule sets shipped next to the binaries (<c>Rules/NAME.rules.json</c>) and which of them a
/// load calls for: a user who points <c>wide</c> at a Parsl run should not have to know that its
/// interchange and worker records join the tasks only through <c>--rules parsl</c>.
/// </summary>
public static class ShippedRules
{
    /// <summary>The folder holding the shipped rule files.</summary>
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "Rules");

    /// <summary>The path of the shipped rule set <paramref name="name"/> (it may not exist).</summary>
    public static string PathOf(string name) => Path.Combine(Folder, name + ".rules.json");

    /// <summary>
    /// The names of the shipped rule sets whose formats were recognised in <paramref name="loaded"/>,
    /// each with the reason: <c>parsl</c> for Parsl text logs, <c>monitoring.db</c> or JSON records
    /// with the prototype's <c>parsl_*</c> / <c>htex_task_id</c> keys; <c>taskfarm</c> for records
    /// carrying both <c>run_id</c> and TaskFarm's <c>exec_task_id</c>; <c>workqueue</c> for a Work
    /// Queue or TaskVine transaction log (task lines name workers by address, worker lines by id).
    /// </summary>
    public static IReadOnlyList<(string Name, string Reason)> Recognise(LoadResult loaded)
    {
        var found = new List<(string, string)>();
        var parsl = new List<string>();
        if (loaded.Files.Any(f => f.Format == LogFormat.ParslText))
        {
            parsl.Add("Parsl text logs");
        }
        var jsonFiles = loaded.Files.Where(f => f.Format == LogFormat.JsonLines).Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        if (jsonFiles.Count > 0 && loaded.Records.Any(r => IsParsl(r) && jsonFiles.Contains(r.Source)))
        {
            parsl.Add("Parsl JSON logs");
        }
        if (loaded.Files.Any(f => f.Format == LogFormat.MonitoringDb))
        {
            parsl.Add("Parsl monitoring.db");
        }
        if (parsl.Count > 0)
        {
            found.Add(("parsl", string.Join(" and ", parsl)));
        }
        if (loaded.Files.Any(f => f.Format == LogFormat.WorkQueueTransactions))
        {
            found.Add(("workqueue", "Work Queue/TaskVine transaction log"));
        }
        if (loaded.Records.Any(r => r.Has("exec_task_id") && r.Has("run_id") && !r.Has("parsl_task_id")))
        {
            found.Add(("taskfarm", "TaskFarm records"));
        }
        return found;
    }

    private static bool IsParsl(Record r) => r.Has("parsl_dfk") || r.Has("parsl_task_id") || r.Has("htex_task_id");
}
