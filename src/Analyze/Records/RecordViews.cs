using System.Text;

namespace WideEvents.Analyze.Records;

/// <summary>
/// Canonical views over records from different sources: one time, template, message and level
/// whatever the source called them.
/// </summary>
public static class RecordViews
{
    private static readonly string[] TemplateKeys = ["@mt", "msg", "template"];
    private static readonly string[] MessageKeys = ["@m", "formatted", "message"];
    private static readonly string[] ThreadKeys = ["threadName", "thread_name", "ThreadName", "thread"];
    private static readonly string[] ProcessKeys = ["component", "process", "pid", "ProcessId", "wq_manager_pid"];

    /// <summary>
    /// Seconds since the Unix epoch from <c>@t</c>, <c>created</c>, <c>timestamp</c>, <c>time</c>
    /// (integers in ms or µs are scaled by magnitude); NaN when the record has none.
    /// </summary>
    public static double Time(this Record record) => record.Time;

    /// <summary>The message template (<c>@mt</c>, <c>msg</c>), or null.</summary>
    public static string? Template(this Record record) => First(record, TemplateKeys);

    /// <summary>
    /// The rendered message: <c>@m</c>, <c>formatted</c>, <c>message</c>, else the template with
    /// its <c>{name}</c> holes filled from the record's properties.
    /// </summary>
    public static string? Message(this Record record)
    {
        var m = First(record, MessageKeys);
        if (m is not null)
        {
            return m;
        }
        var template = record.Template();
        return template is null ? null : Render(template, record);
    }

    /// <summary>The thread name, or null.</summary>
    public static string? Thread(this Record record) => First(record, ThreadKeys);

    /// <summary>The process id or name, or null.</summary>
    public static string? Process(this Record record) => First(record, ProcessKeys);

    /// <summary>
    /// The level from <c>@l</c>, <c>levelname</c>, <c>levelno</c> or <c>level</c>; a CLEF record
    /// (one with <c>@t</c>) without <c>@l</c> is Information, as CLEF defines. Null when unknown.
    /// </summary>
    public static Severity? Level(this Record record)
    {
        if (record.TryGet("@l", out var l) || record.TryGet("levelname", out l) || record.TryGet("level", out l))
        {
            return ParseLevel(l);
        }
        if (record.TryGet("levelno", out var no))
        {
            return ParseLevel(no);
        }
        return record.Has("@t") ? Severity.Information : null;
    }

    internal static Severity? ParseLevel(Value v)
    {
        if (v.TryGetNumber(out var n))
        {
            // Python numeric levels: 10 DEBUG, 20 INFO, 30 WARNING, 40 ERROR, 50 CRITICAL.
            return n switch
            {
                < 10 => Severity.Trace,
                < 20 => Severity.Debug,
                < 30 => Severity.Information,
                < 40 => Severity.Warning,
                < 50 => Severity.Error,
                _ => Severity.Fatal,
            };
        }
        return v.ToString().ToUpperInvariant() switch
        {
            "VERBOSE" or "TRACE" or "VRB" or "TRC" => Severity.Trace,
            "DEBUG" or "DBG" => Severity.Debug,
            "INFORMATION" or "INFO" or "INF" => Severity.Information,
            "WARNING" or "WARN" or "WRN" => Severity.Warning,
            "ERROR" or "ERR" or "FAIL" => Severity.Error,
            "FATAL" or "CRITICAL" or "CRIT" or "FTL" => Severity.Fatal,
            _ => null,
        };
    }

    private static string? First(Record record, string[] keys)
    {
        foreach (var key in keys)
        {
            if (record.TryGet(key, out var v) && !v.IsNull)
            {
                return v.ToString();
            }
        }
        return null;
    }

    private static string Render(string template, Record record)
    {
        var sb = new StringBuilder(template.Length + 16);
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c == '{' && i + 1 < template.Length && template[i + 1] == '{')
            {
                sb.Append('{');
                i++;
                continue;
            }
            if (c == '}' && i + 1 < template.Length && template[i + 1] == '}')
            {
                sb.Append('}');
                i++;
                continue;
            }
            if (c == '{')
            {
                var end = template.IndexOf('}', i + 1);
                if (end > i)
                {
                    var hole = template.AsSpan(i + 1, end - i - 1);
                    var nameEnd = hole.IndexOfAny(':', ',');
                    var name = (nameEnd >= 0 ? hole[..nameEnd] : hole).TrimStart('@').TrimStart('$').ToString();
                    if (record.TryGet(name, out var v))
                    {
                        sb.Append(v.ToString());
                        i = end;
                        continue;
                    }
                }
            }
            sb.Append(c);
        }
        return sb.ToString();
    }
}
