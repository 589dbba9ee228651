using System.Text.RegularExpressions;
using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Loaders;

/// <summary>
/// Text logs have no structured ids, only messages; these are the Parsl messages that name one,
/// turned into the keys the JSON logs use so the same rules join both. Also derives a template
/// (the first line with its numbers replaced by %s) so text records take part in common paths.
/// </summary>
internal static partial class ParslTextIds
{
    // Released Parsl says "Parsl task N try M launched ..."; the benc-observability branch "Task N: try M launched ...".
    [GeneratedRegex(@"^(?:Parsl task|Task) (?<task>\d+):? try (?<try>\d+) launched on executor (?<executor>\S+) with executor id (?<exec>\d+)")]
    private static partial Regex LaunchBinding();

    [GeneratedRegex(@"^Task (?<task>\d+)\b")]
    private static partial Regex TaskPrefix();

    // Worker "Received executor task N"; the branch's "HTEX task N: ..." in every htex process.
    [GeneratedRegex(@"\bexecutor task (?<exec>\d+)\b|^HTEX task (?<exec>\d+)\b")]
    private static partial Regex ExecutorTask();

    // The DFK states its run id once; the [run] => parsl_dfk rule spreads it over the run directory,
    // so text logs meet monitoring.db rows of the same run and two runs never share an entity.
    [GeneratedRegex(@"^Run id is: (?<dfk>[0-9a-fA-F-]{36})")]
    private static partial Regex RunId();

    [GeneratedRegex(@"(?<![\w.])\d+(?![\w.])")]
    private static partial Regex Number();

    public static void Add(Record r, string message)
    {
        var firstLine = message.AsSpan();
        var nl = firstLine.IndexOf('\n');
        var line = (nl >= 0 ? firstLine[..nl] : firstLine).TrimEnd().ToString();
        r.Set("msg", Number().Replace(line, "%s"));
        var binding = LaunchBinding().Match(line);
        if (binding.Success)
        {
            r.Set("parsl_task_id", binding.Groups["task"].Value);
            r.Set("parsl_try_id", binding.Groups["try"].Value);
            r.Set("parsl_executor", binding.Groups["executor"].Value);
            r.Set("parsl_executor_id", binding.Groups["exec"].Value);
            return;
        }
        var runId = RunId().Match(line);
        if (runId.Success)
        {
            r.Set("parsl_dfk", runId.Groups["dfk"].Value);
            return;
        }
        var task = TaskPrefix().Match(line);
        if (task.Success)
        {
            r.Set("parsl_task_id", task.Groups["task"].Value);
            return;
        }
        var exec = ExecutorTask().Match(line);
        if (exec.Success)
        {
            r.Set("htex_task_id", exec.Groups["exec"].Value);
        }
    }
}
