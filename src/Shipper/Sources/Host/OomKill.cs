using System.Globalization;
using System.Text.RegularExpressions;

namespace WideEvents.Shipper.Sources.Host;

/// <summary>
/// The OOM killer's two lines about a kill (mm/oom_kill.c): <c>Out of memory: Killed process PID
/// (COMM) total-vm:...kB, anon-rss:...kB, file-rss:...kB, shmem-rss:...kB, UID:U pgtables:...kB
/// oom_score_adj:N</c> (<c>Memory cgroup out of memory</c> for a cgroup's limit; kernels before 5.x
/// end after shmem-rss), and the summary <c>oom-kill:constraint=...,task=COMM,pid=PID,uid=U</c>.
/// </summary>
internal static partial class OomKill
{
    [GeneratedRegex(@"^(?<scope>Out of memory|Memory cgroup out of memory): Kill(?:ed)? process (?<pid>\d+) \((?<comm>.*)\) total-vm:(?<vm>\d+)kB, anon-rss:(?<anon>\d+)kB, file-rss:(?<file>\d+)kB, shmem-rss:(?<shmem>\d+)kB(?:, UID:(?<uid>\d+) pgtables:(?<pgtables>\d+)kB oom_score_adj:(?<adj>-?\d+))?")]
    private static partial Regex Killed();

    [GeneratedRegex(@"^oom-kill:constraint=(?<constraint>[A-Z_]+),(?:.*,task_memcg=(?<memcg>[^,]*))?.*,task=(?<comm>.*),pid=(?<pid>\d+),uid=(?<uid>\d+)$")]
    private static partial Regex Summary();

    /// <summary>Adds the kill's fields when <paramref name="message"/> is one of the two lines; false otherwise.</summary>
    public static bool TryDescribe(string message, Action<string, object> add)
    {
        var m = Killed().Match(message);
        if (m.Success)
        {
            add("kernel_event", "oom_kill");
            add("oom_scope", m.Groups["scope"].Value == "Out of memory" ? "system" : "cgroup");
            add("pid", Long(m, "pid"));
            add("process_name", m.Groups["comm"].Value);
            add("total_vm_kb", Long(m, "vm"));
            add("anon_rss_kb", Long(m, "anon"));
            add("file_rss_kb", Long(m, "file"));
            add("shmem_rss_kb", Long(m, "shmem"));
            if (m.Groups["uid"].Success)
            {
                add("uid", Long(m, "uid"));
                add("oom_score_adj", Long(m, "adj"));
            }

            return true;
        }

        m = Summary().Match(message);
        if (m.Success)
        {
            add("kernel_event", "oom_kill_summary");
            add("pid", Long(m, "pid"));
            add("process_name", m.Groups["comm"].Value);
            add("uid", Long(m, "uid"));
            add("oom_constraint", m.Groups["constraint"].Value);
            if (m.Groups["memcg"].Success)
            {
                add("oom_task_memcg", m.Groups["memcg"].Value);
            }

            return true;
        }

        return false;
    }

    private static long Long(Match m, string group) => long.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);
}
