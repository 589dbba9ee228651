using System.Globalization;
using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Loaders;

/// <summary>
/// Work Queue and TaskVine transaction logs: <c>time_us manager_pid BODY</c>. Fields are split on
/// runs of spaces because the C code prints doubled and trailing spaces; the resource dictionaries
/// contain no spaces so they stay whole. Each TASK line is a state-change record
/// (<c>wq_task_id</c>, <c>wq_task_state</c>). A manager whose lines show TaskVine's grammar
/// (<c>MANAGER pid START t</c>, an attempt number, READY, LIBRARY, CACHE_UPDATE) is TaskVine: its
/// records get <c>wq_system</c> <c>taskvine</c> and <c>logsource</c> "TaskVine transaction_log",
/// the others <c>wq_system</c> <c>workqueue</c>, so reports do not call TaskVine Work Queue.
/// </summary>
internal sealed class WorkQueueTransactionLoader : IFileLoader
{
    public List<Record> Load(string path, out int badLines)
    {
        var records = new List<Record>();
        badLines = 0;
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 3 || !long.TryParse(f[0], NumberStyles.None, CultureInfo.InvariantCulture, out var us))
            {
                badLines++;
                continue;
            }
            var r = new Record(path, 12);
            r.Set("created", us / 1e6);
            r.Set("wq_manager_pid", ParseId(f[1]));
            r.Set("wq_object_type", f[2]);
            // The message is the body: time and pid are already keys.
            r.Set("formatted", string.Join(' ', f.AsSpan(2)));
            Describe(r, f);
            records.Add(r);
        }
        // One file may hold several managers' lines (the manual quotes both systems).
        var vine = records.Where(IsTaskVine).Select(r => r["wq_manager_pid"]).ToHashSet();
        foreach (var r in records)
        {
            var isVine = vine.Contains(r["wq_manager_pid"]);
            r.Set("wq_system", isVine ? "taskvine" : "workqueue");
            if (isVine)
            {
                r.Set("logsource", "TaskVine transaction_log");
            }
        }
        return records;
    }

    private static bool IsTaskVine(Record r) =>
        r.Has("wq_attempt")
        || r["wq_task_state"].ToString() == "READY"
        || r["wq_object_type"].ToString() is "LIBRARY"
        || r["wq_event"].ToString() == "CACHE_UPDATE"
        || r["wq_object_type"].ToString() == "MANAGER" && r["formatted"].ToString().StartsWith($"MANAGER {r["wq_manager_pid"]} ", StringComparison.Ordinal);

    private static void Describe(Record r, string[] f)
    {
        switch (f[2])
        {
            case "TASK" when f.Length >= 5:
                r.Set("wq_task_id", ParseId(f[3]));
                r.Set("wq_task_state", f[4]);
                r.Set("msg", "TASK " + f[4]);
                TaskDetails(r, f);
                break;
            case "MANAGER" or "MASTER":
                // TaskVine repeats the pid: MANAGER <pid> START <time_from_origin>.
                var ev = f.Length >= 5 && f[3] == f[1] ? f[4] : f.Length >= 4 ? f[3] : "";
                r.Set("wq_event", ev);
                r.Set("msg", "MANAGER " + ev);
                break;
            case "WORKER" when f.Length >= 5:
                r.Set("wq_worker_id", f[3]);
                var evw = f[4] is "CONNECTION" or "DISCONNECTION" or "RESOURCES" or "CACHE_UPDATE" or "TRANSFER"
                    ? f[4] : f.Length >= 6 ? f[5] : f[4];
                r.Set("wq_event", evw);
                r.Set("msg", "WORKER " + evw);
                if (evw == "RESOURCES" && f.Length >= 6)
                {
                    r.Set("wq_resources", f[^1]);
                }
                else if (f[4] != evw)
                {
                    r.Set("wq_worker_address", f[4]);
                }
                // DISCONNECTION REASON: after the address in Work Queue, right after the id in TaskVine.
                var at = Array.IndexOf(f, "DISCONNECTION", 4);
                if (evw == "DISCONNECTION" && at >= 0 && at + 1 < f.Length)
                {
                    r.Set("wq_disconnect_reason", f[at + 1]);
                }

                // TaskVine: WORKER <id> CACHE_UPDATE|TRANSFER (INPUT|OUTPUT) <file> <size bytes> <wall_us> <start_us>.
                if (evw is "CACHE_UPDATE" or "TRANSFER" && f.Length >= 10)
                {
                    r.Set("wq_transfer_direction", f[5]);
                    r.Set("wq_transfer_file", f[6]);
                    SetNumber(r, "wq_transfer_bytes", f[7], 1);
                    SetNumber(r, "wq_transfer_time_s", f[8], 1e-6);
                    SetNumber(r, "wq_transfer_start_s", f[9], 1e-6);
                }

                break;
            case "CATEGORY" when f.Length >= 5:
                r.Set("wq_category", f[3]);
                r.Set("wq_event", f[4]);
                r.Set("msg", "CATEGORY " + f[4]);
                break;
            case "TRANSFER" when f.Length >= 5:
                // Work Queue: TRANSFER (INPUT|OUTPUT) <taskid> <cache_flag> <size MB> <time s> <remote_name>.
                r.Set("wq_event", f[3]);
                r.Set("wq_task_id", ParseId(f[4]));
                r.Set("msg", "TRANSFER " + f[3]);
                r.Set("wq_transfer_direction", f[3]);
                if (f.Length >= 9)
                {
                    r.Set("wq_transfer_cached", f[5] == "1");
                    SetNumber(r, "wq_transfer_bytes", f[6], 1e6);
                    SetNumber(r, "wq_transfer_time_s", f[7], 1);
                    r.Set("wq_transfer_file", f[8]);
                }

                break;
            default:
                r.Set("msg", f[2]);
                break;
        }
    }

    // Work Queue names a task's worker by address (host:port), TaskVine by worker id: the same
    // keys as WORKER lines, so the workqueue rules can join the two.
    private static void SetWorker(Record r, string worker) =>
        r.Set(worker.Contains(':', StringComparison.Ordinal) ? "wq_worker_address" : "wq_worker_id", worker);

    private static void TaskDetails(Record r, string[] f)
    {
        var rest = f.AsSpan(5);
        switch (f[4])
        {
            case "WAITING" or "READY" when rest.Length >= 2:
                r.Set("wq_category", rest[0]);
                r.Set("wq_allocation", rest[1]);
                r.Set("wq_resources", rest[^1]);
                // TaskVine adds the attempt number before the resources.
                if (rest.Length >= 4 && long.TryParse(rest[2], NumberStyles.None, CultureInfo.InvariantCulture, out var attempt))
                {
                    r.Set("wq_attempt", attempt);
                }
                break;
            case "RUNNING" when rest.Length >= 1:
                SetWorker(r, rest[0]);
                if (rest.Length >= 3)
                {
                    r.Set("wq_allocation", rest[1]);
                    r.Set("wq_resources", rest[^1]);
                }
                break;
            case "WAITING_RETRIEVAL" when rest.Length >= 1:
                SetWorker(r, rest[0]);
                break;
            case "RETRIEVED" or "DONE" when rest.Length >= 1:
                r.Set("wq_result", rest[0]);
                var i = 1;
                if (rest.Length > 1 && long.TryParse(rest[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code))
                {
                    r.Set("wq_exit_code", code);
                    i = 2;
                }
                if (rest.Length > i)
                {
                    r.Set("wq_limits_exceeded", rest[i]);
                }
                if (rest.Length > i + 1)
                {
                    r.Set("wq_resources_measured", rest[i + 1]);
                    MeasuredResources.Set(r, rest[i + 1]);
                }
                break;
        }
    }

    // Sizes and times in one unit whatever the system wrote: bytes and seconds.
    private static void SetNumber(Record r, string key, string text, double scale)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            r.Set(key, Value.From(value * scale));
        }
    }

    private static Value ParseId(string s) =>
        long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? Value.From(n) : Value.From(s);
}
