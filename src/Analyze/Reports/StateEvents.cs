using System.Text.RegularExpressions;
using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Reports;

/// <summary>Finds state-change records: Work Queue TASK lines, monitoring.db status rows, Parsl state messages.</summary>
internal static partial class StateEvents
{
    [GeneratedRegex(@"(?:changing state from \w+ to |initializing state to |set to )(?<state>[a-z_]+)|\(\w+ -> (?<state>[a-z_]+)\)")]
    private static partial Regex ParslStateMessage();

    [GeneratedRegex(@"^Task (?<task>\d+)\b")]
    private static partial Regex ParslTaskPrefix();

    public static (Lifecycle Lifecycle, string Entity, string State)? Read(Record r)
    {
        if (r.TryGet("wq_task_state", out var wq) && r.TryGet("wq_task_id", out var wqId))
        {
            var state = wq.ToString() == "READY" ? "WAITING" : wq.ToString();
            return (Lifecycle.WorkQueue, $"{r.Source}/{r["wq_manager_pid"]}/{wqId.Canonical()}", state);
        }
        if (r.TryGet("to_state", out var toState) && r.TryGet("task_id", out var taskId) && Lifecycle.Parsl.Rank(toState.ToString()) >= 0)
        {
            // WideEvents' own state changes (TaskFarm): the state is a field, not words of the message.
            var run = r.TryGet("run_id", out var runId) ? runId.ToString() : r.Source;
            return (Lifecycle.Parsl, run + "/" + taskId.Canonical(), toState.ToString());
        }
        if (r.TryGet("parsl_task_status", out var status) && r.TryGet("parsl_task_id", out var id))
        {
            return (Lifecycle.Parsl, ParslEntity(r, id), status.ToString());
        }
        var message = r.Message();
        if (message is null || !message.Contains("state", StringComparison.Ordinal) && !message.Contains("->", StringComparison.Ordinal))
        {
            return null;
        }
        var m = ParslStateMessage().Match(message);
        if (!m.Success || Lifecycle.Parsl.Rank(m.Groups["state"].Value) < 0)
        {
            return null;
        }
        if (!r.TryGet("parsl_task_id", out var task))
        {
            var t = ParslTaskPrefix().Match(message);
            if (!t.Success)
            {
                return null;
            }
            task = Value.From(t.Groups["task"].Value);
        }
        return (Lifecycle.Parsl, ParslEntity(r, task), m.Groups["state"].Value);
    }

    private static string ParslEntity(Record r, Value task)
    {
        var scope = r.TryGet("parsl_dfk", out var dfk) ? dfk.Canonical().ToString()
            : r.TryGet("run", out var run) ? run.ToString() : r.Source;
        return scope + "/" + task.Canonical();
    }
}
