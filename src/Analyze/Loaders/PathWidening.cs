using System.Text.RegularExpressions;
using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Loaders;

/// <summary>
/// Parsl writes identity into its directory layout (<c>runinfo/NNN/&lt;executor&gt;/block-B/&lt;manager&gt;/worker_W.log</c>);
/// these keys put it back onto the records, as do the task and try of a per-try log's name (<c>task_N_M.jsonlog</c>). <c>logsource</c> uses the prototype's names so
/// common-path keys match its output.
/// </summary>
internal static partial class PathWidening
{
    [GeneratedRegex(@"^block-(\d+)$")]
    private static partial Regex BlockDir();

    [GeneratedRegex(@"^worker_(\d+)\.(json)?log$")]
    private static partial Regex WorkerFile();

    [GeneratedRegex(@"^task_(\d+)_(\d+)\.(json)?log$")]
    private static partial Regex TryFile();

    [GeneratedRegex(@"^\d{3,}$")]
    private static partial Regex RunDir();

    public static List<KeyValuePair<string, Value>> KeysFor(string path, LogFormat format)
    {
        var keys = new List<KeyValuePair<string, Value>>();
        var full = Path.GetFullPath(path);
        var parts = full.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var file = parts[^1];
        keys.Add(new("logsource", LogSource(file, format)));
        if (format == LogFormat.MonitoringDb)
        {
            return keys;
        }
        var dirs = parts.Length - 1;
        int executorIndex = -1;
        for (var i = 1; i < dirs; i++)
        {
            var m = BlockDir().Match(parts[i]);
            if (m.Success)
            {
                executorIndex = i - 1;
                keys.Add(new("block", m.Groups[1].Value));
                if (i + 1 < dirs)
                {
                    keys.Add(new("manager", parts[i + 1]));
                }
                break;
            }
        }
        // Parsl's per-try log (runinfo/NNN/task_<task>_<try>.jsonlog) names its task and try only in its file name.
        var attempt = TryFile().Match(file);
        if (attempt.Success)
        {
            keys.Add(new("parsl_task_id", Value.From(long.Parse(attempt.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture))));
            keys.Add(new("parsl_try_id", Value.From(long.Parse(attempt.Groups[2].ValueSpan, System.Globalization.CultureInfo.InvariantCulture))));
            keys.Add(new("parsl_try_log", Value.From(true)));
        }
        var worker = WorkerFile().Match(file);
        if (worker.Success)
        {
            keys.Add(new("worker", worker.Groups[1].Value));
        }
        if (executorIndex < 0 && dirs >= 2 && (file.StartsWith("interchange.", StringComparison.Ordinal)
            || file.StartsWith("monitoring_zmq_router.", StringComparison.Ordinal)
            || (format is LogFormat.WorkQueueTransactions or LogFormat.WorkQueueStats && RunDir().IsMatch(parts[dirs - 2]))))
        {
            executorIndex = dirs - 1;
        }
        if (executorIndex >= 0)
        {
            keys.Add(new("executor", parts[executorIndex]));
        }
        var runIndex = executorIndex >= 0 ? executorIndex - 1 : dirs - 1;
        if (runIndex >= 0)
        {
            keys.Add(new("run", Path.DirectorySeparatorChar + string.Join(Path.DirectorySeparatorChar, parts[..(runIndex + 1)])));
        }
        return keys;
    }

    private static string LogSource(string file, LogFormat format) => format switch
    {
        LogFormat.MonitoringDb => "Parsl monitoring",
        LogFormat.WorkQueueTransactions => "Work Queue transaction_log",
        _ when file.StartsWith("interchange.", StringComparison.Ordinal) => "interchange log",
        _ when file.StartsWith("manager.", StringComparison.Ordinal) => "Pool manager log",
        _ when file.StartsWith("worker_", StringComparison.Ordinal) => "Pool worker log",
        _ => file,
    };
}
