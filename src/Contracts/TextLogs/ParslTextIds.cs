using System.Text.RegularExpressions;

namespace WideEvents.Contracts.TextLogs;

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

    /// <summary>Adds <c>msg</c> and whichever ids the message's first line names.</summary>
    public static void Add(ITextRecordFields r, string message)
    {
        var nl = message.IndexOf('\n', StringComparison.Ordinal);
        var line = (nl >= 0 ? message[..nl] : message).TrimEnd();
        r.Add("msg", Number().Replace(line, "%s"));
        var binding = LaunchBinding().Match(line);
        if (binding.Success)
        {
            r.Add("parsl_task_id", binding.Groups["task"].Value);
            r.Add("parsl_try_id", binding.Groups["try"].Value);
            r.Add("parsl_executor", binding.Groups["executor"].Value);
            r.Add("parsl_executor_id", binding.Groups["exec"].Value);
            return;
        }
        var runId = RunId().Match(line);
        if (runId.Success)
        {
            r.Add("parsl_dfk", runId.Groups["dfk"].Value);
            return;
        }
        var task = TaskPrefix().Match(line);
        if (task.Success)
        {
            r.Add("parsl_task_id", task.Groups["task"].Value);
            return;
        }
        var exec = ExecutorTask().Match(line);
        if (exec.Success)
        {
            r.Add("htex_task_id", exec.Groups["exec"].Value);
        }
    }
}
