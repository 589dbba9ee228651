using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Reports;

/// <summary>
/// The values a metric record carries, for <see cref="MetricReport"/>, traces and the live view: its
/// <c>value</c>, or, for the prototype's records without one, each other numeric property that is
/// not part of every log record (<c>name.key</c> series).
/// </summary>
internal static class MetricValues
{
    private static readonly HashSet<string> Standard = new(StringComparer.Ordinal)
    {
        "created", "process", "processName", "threadName", "thread", "name", "lineno", "funcname", "funcName",
        "levelname", "levelno", "msg", "formatted", "message", "repr", "known_keys", "args", "pathname", "filename",
        "module", "exc_info", "exc_text", "stack_info", "msecs", "relativeCreated", "taskName", "metric",
        "@t", "@mt", "@m", "@l", "@x", "@tr", "@sp", "logsource", "run", "executor", "block", "manager", "worker",
        "pid", "host", "event_id", "span_id",
    };

    /// <summary>(series key, value) pairs: <c>value</c> alone when present, else every other numeric property.</summary>
    public static List<KeyValuePair<string, double>> Of(Record r)
    {
        var values = new List<KeyValuePair<string, double>>();
        if (r.TryGet("value", out var value) && value.Kind != ValueKind.Bool && value.TryGetNumber(out var v))
        {
            if (double.IsFinite(v))
            {
                values.Add(new("value", v));
            }
            return values;
        }
        foreach (var (k, pv) in r.Properties)
        {
            if (!Standard.Contains(k) && pv.Kind != ValueKind.Bool && pv.TryGetNumber(out var x) && double.IsFinite(x))
            {
                values.Add(new(k, x));
            }
        }
        return values;
    }
}
