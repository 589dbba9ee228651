using System.Globalization;
using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Reports;

/// <summary>What a process's heartbeats say about how it ended (one row of <see cref="HeartbeatReport"/>).</summary>
/// <param name="Process">The process: component, pid and host when its records name them, else the source.</param>
/// <param name="Beats">Heartbeat records seen.</param>
/// <param name="LastBeat">Time of the last heartbeat (seconds since the epoch), NaN when none.</param>
/// <param name="LastRecord">Time of the process's last record.</param>
/// <param name="Verdict"><c>stopped</c>, <c>hung</c>, <c>died or hung</c>, <c>ended without a last heartbeat</c> or <c>no heartbeats</c>.</param>
/// <param name="Detail">The verdict in words, with its times.</param>
public sealed record ProcessHeartbeats(string Process, int Beats, double LastBeat, double LastRecord, string Verdict, string Detail);

/// <summary>
/// Reads the heartbeat records Emit's handlers write (every <c>heartbeat_interval_s</c>, and a last
/// one, <c>heartbeat: stopping</c>, when a process ends cleanly) and says, per process, whether it
/// stopped, or went silent: heartbeats that stop more than two intervals before the process's last
/// record mean a hang (records still came, the handler's thread did not beat); more than two
/// intervals before the run's last record, with no last heartbeat, mean the process died or hung then.
/// </summary>
public static class HeartbeatReport
{
    /// <summary>One row per process (by component, pid and host; records without a pid by source), in name order.</summary>
    public static List<ProcessHeartbeats> Build(IReadOnlyList<Record> records)
    {
        var runEnd = records.Select(r => r.Time).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Max();
        var rows = new List<ProcessHeartbeats>();
        foreach (var process in records.GroupBy(ProcessOf, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var lastRecord = process.Select(r => r.Time).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Max();
            var beats = process.Where(r => r.TryGet("event_name", out var name) && name.AsString == "heartbeat" && double.IsFinite(r.Time)).OrderBy(r => r.Time).ToList();
            if (beats.Count == 0)
            {
                rows.Add(new(process.Key, 0, double.NaN, lastRecord, "no heartbeats", "no heartbeat records: it ran less than one interval, or its handlers have heartbeats off"));
                continue;
            }

            var last = beats[^1];
            var interval = last.TryGet("heartbeat_interval_s", out var i) && i.TryGetNumber(out var seconds) ? seconds : 30;
            var (verdict, detail) =
                beats.Any(b => b.TryGet("heartbeat", out var h) && h.AsString == "stopping") ? ("stopped", $"stopped cleanly at {Clock(last.Time)}")
                : last.Time + 2 * interval < lastRecord ? ("hung", $"heartbeats stopped at {Clock(last.Time)} while its records went on to {Clock(lastRecord)}")
                : last.Time + 2 * interval < runEnd ? ("died or hung", $"died or hung at {Clock(last.Time)}: no heartbeat in the last {runEnd - last.Time:F0} s of the run")
                : ("ended without a last heartbeat", $"last heartbeat at {Clock(last.Time)}, none when it ended: killed near the end of the run, or still running");
            rows.Add(new(process.Key, beats.Count, last.Time, lastRecord, verdict, detail));
        }

        return rows;
    }

    private static string ProcessOf(Record record)
    {
        var pid = record.TryGet("pid", out var p) && !p.IsNull ? p.ToString() : null;
        if (pid is null)
        {
            return record.Source;
        }

        var component = record.TryGet("component", out var c) && !c.IsNull ? c.ToString() : "?";
        var host = record.TryGet("host", out var h) && !h.IsNull ? h.ToString() : "?";
        return $"{component} pid {pid}@{host}";
    }

    private static string Clock(double seconds) =>
        DateTime.UnixEpoch.AddSeconds(seconds).ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);
}
