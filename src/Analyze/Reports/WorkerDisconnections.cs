using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Reports;

/// <summary>
/// The Work Queue / TaskVine worker disconnections (a failure, an idle-out, a fast abort) that
/// happened while a task was on that worker. A WORKER line names no task, so without this the
/// flow of a task sent back to the queue never shows why. A task is on a worker from a TASK line
/// naming it (RUNNING, WAITING_RETRIEVAL) until the task's next line that names another worker
/// or none (cctools' remove_worker logs the DISCONNECTION before it sends the worker's tasks back
/// to WAITING, so that next line comes after it). Workers are matched by id or by address, so this works with or without the
/// workqueue rules that join the two, and only within one transaction log and manager.
/// </summary>
internal static class WorkerDisconnections
{
    private static readonly string[] WorkerKeys = ["wq_worker_id", "wq_worker_address"];

    /// <summary>The disconnections of workers that <paramref name="task"/>'s records were on at the time, not already among them.</summary>
    public static List<Record> During(IReadOnlyList<Record> all, IReadOnlyList<Record> task)
    {
        var lines = task.Where(r => !double.IsNaN(r.Time) && r.Has("wq_task_id")).OrderBy(r => r.Time).ToList();
        var stays = new List<(string Manager, HashSet<string> Worker, double From, double To)>();
        for (var i = 0; i < lines.Count; i++)
        {
            var worker = Names(lines[i]);
            if (worker.Count == 0 || stays.Count > 0 && stays[^1].Worker.Overlaps(worker) && lines[i].Time <= stays[^1].To)
            {
                continue;
            }
            var end = lines.Skip(i + 1).FirstOrDefault(r => !Names(r).Overlaps(worker));
            stays.Add((Manager(lines[i]), worker, lines[i].Time, end?.Time ?? double.PositiveInfinity));
        }
        if (stays.Count == 0)
        {
            return [];
        }
        var mine = task.ToHashSet();
        return all.Where(r => !mine.Contains(r) && !r.Has("wq_task_id") && r["wq_event"].ToString() == "DISCONNECTION"
                && stays.Any(s => s.From <= r.Time && r.Time <= s.To && s.Manager == Manager(r) && Names(r).Overlaps(s.Worker)))
            .ToList();
    }

    private static string Manager(Record r) => $"{r.Source} {r["wq_manager_pid"]}";

    private static HashSet<string> Names(Record r) =>
        WorkerKeys.Where(k => r.TryGet(k, out var v) && !v.IsNull).Select(k => r[k].ToString()).ToHashSet(StringComparer.Ordinal);
}
