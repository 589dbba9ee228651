using WideEvents.Analyze.Records;
using WideEvents.Analyze.Reports;

namespace WideEvents.Analyze.Visuals;

/// <summary>
/// Which process wrote a record, for one track per process: the numeric <c>pid</c> when there is
/// one (Emit writes the process name under <c>process</c> and the id under <c>pid</c>; Python
/// logging writes the id under <c>process</c>), on its <c>host</c>; records with no process at
/// all belong to their source file.
/// </summary>
public static class ProcessIdentity
{
    /// <summary>One key per process: <c>host/pid</c> (<c>/pid</c> without a host), or <c>file:SOURCE</c> for records with no process.</summary>
    /// <param name="r">The record.</param>
    public static string Key(Record r)
    {
        var id = Text(r, "pid") ?? Text(r, "ProcessId") ?? r.Process();
        if (id is null)
        {
            return "file:" + r.Source;
        }
        return (Text(r, "host") ?? "") + "/" + id;
    }

    /// <summary>The component (<c>component</c>, else <c>logsource</c>, else the file), the process name when it says more, and the id: <c>pool TaskFarm.Pool (pid 5001 on node-1)</c>.</summary>
    /// <param name="r">The record.</param>
    public static string Label(Record r)
    {
        var label = Text(r, "component") ?? FlowReport.SourceName(r);
        var name = Text(r, "processName") ?? (r.Has("pid") ? Text(r, "process") : null);
        if (name is not null && name != "MainProcess" && !label.Contains(name, StringComparison.Ordinal))
        {
            label += " " + name;
        }
        var id = Text(r, "pid") ?? Text(r, "ProcessId") ?? r.Process();
        var host = Text(r, "host");
        return id is null ? label : $"{label} (pid {id}{(host is null ? "" : " on " + host)})";
    }

    private static string? Text(Record r, string key) => r.TryGet(key, out var v) && !v.IsNull ? v.ToString() : null;
}
