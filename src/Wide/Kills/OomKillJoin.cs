using WideEvents.Analyze.Records;

namespace WideEvents.Cli.Kills;

/// <summary>
/// Joins each OOM-killer record (<c>kernel_event</c> <c>oom_kill</c>, from the shipper's kernel
/// source) to the killed process: the records with the same <c>pid</c> (or Parsl's
/// <c>process</c>) on the same host, up to the kill; and to the task that process was last
/// running, the last task key (<see cref="TaskKeys"/>) among them. The kill record gets that task
/// key, so <c>wide flow</c> of the task shows the kill.
/// </summary>
internal static class OomKillJoin
{
    /// <summary>Task keys, most specific first.</summary>
    public static readonly string[] TaskKeys = ["task_id", "parsl_task_id", "wq_task_id", "exec_task_id"];

    public static List<KilledProcess> Join(IReadOnlyList<Record> records)
    {
        var kills = records.Where(r => r["kernel_event"].AsString == "oom_kill" && r.Has("pid")).ToList();
        if (kills.Count == 0)
        {
            return [];
        }

        var pids = kills.Select(k => k["pid"].ToString()).ToHashSet(StringComparer.Ordinal);
        var byPid = records
            .Where(r => r["kernel_event"].IsNull && Pid(r) is { } p && pids.Contains(p))
            .GroupBy(r => Pid(r)!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.Time).ToList(), StringComparer.Ordinal);
        var joined = new List<KilledProcess>();
        foreach (var kill in kills.OrderBy(k => k.Time))
        {
            var host = kill["host"].AsString;
            var before = byPid.GetValueOrDefault(kill["pid"].ToString()) is { } all
                ? all.Where(r => !(r.Time > kill.Time) && (host is null || r["host"].AsString is not { } h || h == host)).ToList()
                : [];
            var task = before.AsEnumerable().Reverse().Select(TaskOf).FirstOrDefault(t => t is not null);
            if (task is { } t && !kill.Has(t.Key))
            {
                kill.Set(t.Key, t.Value);
            }

            joined.Add(new KilledProcess(kill, before.Count, before.Count > 0 ? before[^1] : null, task));
        }

        return joined;
    }

    private static string? Pid(Record r) =>
        r.TryGet("pid", out var pid) && !pid.IsNull ? pid.ToString()
        : r.TryGet("process", out var process) && long.TryParse(process.ToString(), out _) ? process.ToString()
        : null;

    private static KeyValuePair<string, Value>? TaskOf(Record r)
    {
        foreach (var key in TaskKeys)
        {
            if (r.TryGet(key, out var value) && !value.IsNull)
            {
                return new(key, value);
            }
        }

        return null;
    }
}
