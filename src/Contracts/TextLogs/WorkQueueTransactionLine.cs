using System.Globalization;
using System.Text.RegularExpressions;

namespace WideEvents.Contracts.TextLogs;

/// <summary>
/// One line of a Work Queue or TaskVine transaction log: <c>time_us manager_pid BODY</c>. Fields
/// are split on runs of spaces because the C code prints doubled and trailing spaces; the resource
/// dictionaries contain no spaces so they stay whole. Each TASK line is a state-change record
/// (<c>wq_task_id</c>, <c>wq_task_state</c>). Whether the manager is TaskVine shows only in some of
/// its lines (<c>MANAGER pid START t</c>, an attempt number, READY, LIBRARY, CACHE_UPDATE): the
/// caller remembers per manager pid what <see cref="Parse"/> reports and adds <see cref="AddSystem"/>.
/// </summary>
internal static partial class WorkQueueTransactionLine
{
    [GeneratedRegex(@"^\d{13,} \d+ +(MANAGER|MASTER|TASK|WORKER|CATEGORY|TRANSFER|LIBRARY|APPLICATION)\b")]
    private static partial Regex TransactionLine();

    /// <summary>Whether a line (not a comment) is a transaction, or a comment is a transaction log's header.</summary>
    public static bool LooksLikeTransactions(string line) =>
        line.StartsWith("# time manager_pid", StringComparison.Ordinal)
        || line.StartsWith("# time master_pid", StringComparison.Ordinal)
        || TransactionLine().IsMatch(line);

    /// <summary>
    /// Adds the line's fields unless it is blank or a comment (<see cref="TransactionLineKind.Skipped"/>)
    /// or no transaction (<see cref="TransactionLineKind.Bad"/>, nothing added).
    /// </summary>
    /// <param name="raw">The line.</param>
    /// <param name="fields">Where its fields go.</param>
    /// <param name="managerPid">The manager's pid as written.</param>
    /// <param name="showsTaskVine">Whether this line shows the manager is TaskVine.</param>
    public static TransactionLineKind Parse(string raw, ITextRecordFields fields, out string managerPid, out bool showsTaskVine)
    {
        managerPid = "";
        showsTaskVine = false;
        var line = raw.Trim();
        if (line.Length == 0 || line[0] == '#')
        {
            return TransactionLineKind.Skipped;
        }
        var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (f.Length < 3 || !long.TryParse(f[0], NumberStyles.None, CultureInfo.InvariantCulture, out var us))
        {
            return TransactionLineKind.Bad;
        }
        managerPid = f[1];
        fields.Add("created", us / 1e6);
        AddId(fields, "wq_manager_pid", f[1]);
        fields.Add("wq_object_type", f[2]);
        // The message is the body: time and pid are already keys.
        fields.Add("formatted", string.Join(' ', f, 2, f.Length - 2));
        showsTaskVine = Describe(fields, f);
        return TransactionLineKind.Record;
    }

    /// <summary>Adds <c>wq_system</c> (and TaskVine's <c>logsource</c>), so reports do not call TaskVine Work Queue.</summary>
    public static void AddSystem(ITextRecordFields fields, bool taskVine)
    {
        fields.Add("wq_system", taskVine ? "taskvine" : "workqueue");
        if (taskVine)
        {
            fields.Add("logsource", "TaskVine transaction_log");
        }
    }

    private static bool Describe(ITextRecordFields r, string[] f)
    {
        switch (f[2])
        {
            case "TASK" when f.Length >= 5:
                AddId(r, "wq_task_id", f[3]);
                r.Add("wq_task_state", f[4]);
                r.Add("msg", "TASK " + f[4]);
                return TaskDetails(r, f) || f[4] == "READY";
            case "MANAGER" or "MASTER":
                // TaskVine repeats the pid: MANAGER <pid> START <time_from_origin>.
                var repeated = f.Length >= 5 && f[3] == f[1];
                var ev = repeated ? f[4] : f.Length >= 4 ? f[3] : "";
                r.Add("wq_event", ev);
                r.Add("msg", "MANAGER " + ev);
                return f[2] == "MANAGER" && f.Length >= 4 && f[3] == f[1];
            case "WORKER" when f.Length >= 5:
                return Worker(r, f);
            case "CATEGORY" when f.Length >= 5:
                r.Add("wq_category", f[3]);
                r.Add("wq_event", f[4]);
                r.Add("msg", "CATEGORY " + f[4]);
                return false;
            case "TRANSFER" when f.Length >= 5:
                // Work Queue: TRANSFER (INPUT|OUTPUT) <taskid> <cache_flag> <size MB> <time s> <remote_name>.
                r.Add("wq_event", f[3]);
                AddId(r, "wq_task_id", f[4]);
                r.Add("msg", "TRANSFER " + f[3]);
                r.Add("wq_transfer_direction", f[3]);
                if (f.Length >= 9)
                {
                    r.Add("wq_transfer_cached", f[5] == "1");
                    AddNumber(r, "wq_transfer_bytes", f[6], 1e6);
                    AddNumber(r, "wq_transfer_time_s", f[7], 1);
                    r.Add("wq_transfer_file", f[8]);
                }
                return false;
            default:
                r.Add("msg", f[2]);
                return f[2] == "LIBRARY";
        }
    }

    private static bool Worker(ITextRecordFields r, string[] f)
    {
        r.Add("wq_worker_id", f[3]);
        var evw = f[4] is "CONNECTION" or "DISCONNECTION" or "RESOURCES" or "CACHE_UPDATE" or "TRANSFER"
            ? f[4] : f.Length >= 6 ? f[5] : f[4];
        r.Add("wq_event", evw);
        r.Add("msg", "WORKER " + evw);
        if (evw == "RESOURCES" && f.Length >= 6)
        {
            r.Add("wq_resources", f[^1]);
        }
        else if (f[4] != evw)
        {
            r.Add("wq_worker_address", f[4]);
        }
        // DISCONNECTION REASON: after the address in Work Queue, right after the id in TaskVine.
        var at = Array.IndexOf(f, "DISCONNECTION", 4);
        if (evw == "DISCONNECTION" && at >= 0 && at + 1 < f.Length)
        {
            r.Add("wq_disconnect_reason", f[at + 1]);
        }

        // TaskVine: WORKER <id> CACHE_UPDATE|TRANSFER (INPUT|OUTPUT) <file> <size bytes> <wall_us> <start_us>.
        if (evw is "CACHE_UPDATE" or "TRANSFER" && f.Length >= 10)
        {
            r.Add("wq_transfer_direction", f[5]);
            r.Add("wq_transfer_file", f[6]);
            AddNumber(r, "wq_transfer_bytes", f[7], 1);
            AddNumber(r, "wq_transfer_time_s", f[8], 1e-6);
            AddNumber(r, "wq_transfer_start_s", f[9], 1e-6);
        }
        return evw == "CACHE_UPDATE";
    }

    // Work Queue names a task's worker by address (host:port), TaskVine by worker id: the same
    // keys as WORKER lines, so the workqueue rules can join the two.
    private static void AddWorker(ITextRecordFields r, string worker) =>
        r.Add(worker.Contains(':', StringComparison.Ordinal) ? "wq_worker_address" : "wq_worker_id", worker);

    /// <summary>Adds what a TASK line says beyond its state; true when it carries TaskVine's attempt number.</summary>
    private static bool TaskDetails(ITextRecordFields r, string[] f)
    {
        var rest = f.AsSpan(5);
        switch (f[4])
        {
            case "WAITING" or "READY" when rest.Length >= 2:
                r.Add("wq_category", rest[0]);
                r.Add("wq_allocation", rest[1]);
                r.Add("wq_resources", rest[^1]);
                // TaskVine adds the attempt number before the resources.
                if (rest.Length >= 4 && long.TryParse(rest[2], NumberStyles.None, CultureInfo.InvariantCulture, out var attempt))
                {
                    r.Add("wq_attempt", attempt);
                    return true;
                }
                return false;
            case "RUNNING" when rest.Length >= 1:
                AddWorker(r, rest[0]);
                if (rest.Length >= 3)
                {
                    r.Add("wq_allocation", rest[1]);
                    r.Add("wq_resources", rest[^1]);
                }
                return false;
            case "WAITING_RETRIEVAL" when rest.Length >= 1:
                AddWorker(r, rest[0]);
                return false;
            case "RETRIEVED" or "DONE" when rest.Length >= 1:
                r.Add("wq_result", rest[0]);
                var i = 1;
                if (rest.Length > 1 && long.TryParse(rest[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code))
                {
                    r.Add("wq_exit_code", code);
                    i = 2;
                }
                if (rest.Length > i)
                {
                    r.Add("wq_limits_exceeded", rest[i]);
                }
                if (rest.Length > i + 1)
                {
                    r.Add("wq_resources_measured", rest[i + 1]);
                    MeasuredResources.Add(r, rest[i + 1]);
                }
                return false;
            default:
                return false;
        }
    }

    // Sizes and times in one unit whatever the system wrote: bytes and seconds.
    private static void AddNumber(ITextRecordFields r, string key, string text, double scale)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            r.Add(key, value * scale);
        }
    }

    private static void AddId(ITextRecordFields r, string key, string s)
    {
        if (long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            r.Add(key, n);
        }
        else
        {
            r.Add(key, s);
        }
    }
}
