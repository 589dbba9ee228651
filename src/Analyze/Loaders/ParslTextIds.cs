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
    [GeneratedRegex(@"^Parsl task (?<task>\d+) try (?<try>\d+) launched on executor (?<executor>\S+) with executor id (?<exec>\d+)")]
    private static partial Regex LaunchBinding();

    [GeneratedRegex(@"^Task (?<task>\d+)\b")]
    private static partial Regex TaskPrefix();

    [GeneratedRegex(@"\bexecutor task (?<exec>\d+)\b")]
    private static partial Regex ExecutorTask();

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
