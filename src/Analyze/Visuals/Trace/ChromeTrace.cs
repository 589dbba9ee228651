using System.Globalization;
using System.Text.Json;
using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Visuals.Trace;

/// <summary>
/// Writes records as a Chrome trace-event JSON file (object form) that Perfetto and
/// chrome://tracing open: one process per component process, its threads as thread tracks, spans
/// and task state intervals as nested complete (<c>X</c>) slices, flow arrows (<c>s</c>/<c>f</c>)
/// following each task across processes, counters (<c>C</c>) for metric records, and every
/// record as an instant. Slices that would overlap partly on one thread go to extra thread tracks.
/// </summary>
public static class ChromeTrace
{
    /// <summary>Writes the trace of <paramref name="records"/> to <paramref name="output"/> (UTF-8 JSON).</summary>
    /// <returns>How many tracks and events were written.</returns>
    public static TraceSummary Write(IReadOnlyList<Record> records, Stream output, TraceOptions? options = null)
    {
        options ??= new TraceOptions();
        var builder = new TraceBuilder(records, options).Build();
        using var json = new Utf8JsonWriter(output);
        json.WriteStartObject();
        json.WriteString("displayTimeUnit", "ms");
        json.WriteStartObject("otherData");
        json.WriteString("generator", "WideEvents wide trace");
        json.WriteString("origin_utc", DateTime.UnixEpoch.AddSeconds(builder.Origin).ToString("O", CultureInfo.InvariantCulture));
        json.WriteNumber("origin_epoch_s", builder.Origin);
        json.WriteNumber("records", records.Count);
        foreach (var (k, v) in options.Metadata)
        {
            json.WriteString(k, v);
        }
        json.WriteEndObject();
        json.WriteStartArray("traceEvents");
        foreach (var e in builder.Events)
        {
            WriteEvent(json, e);
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        return builder.Summary;
    }

    private static void WriteEvent(Utf8JsonWriter json, TraceEvent e)
    {
        json.WriteStartObject();
        json.WriteString("ph", e.Phase.ToString());
        if (e.Name is not null)
        {
            json.WriteString("name", e.Name);
        }
        if (e.Category is not null)
        {
            json.WriteString("cat", e.Category);
        }
        json.WriteNumber("pid", e.Pid);
        json.WriteNumber("tid", e.Tid);
        if (e.Phase != 'M')
        {
            json.WriteNumber("ts", e.Ts);
        }
        if (e.Dur is { } dur)
        {
            json.WriteNumber("dur", dur);
        }
        if (e.Id is { } id)
        {
            json.WriteNumber("id", id);
        }
        if (e.BindingPoint is not null)
        {
            json.WriteString("bp", e.BindingPoint);
        }
        if (e.Scope is not null)
        {
            json.WriteString("s", e.Scope);
        }
        if (e.Color is not null)
        {
            json.WriteString("cname", e.Color);
        }
        if (e.Args is { Count: > 0 })
        {
            json.WriteStartObject("args");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (k, v) in e.Args)
            {
                if (!seen.Add(k))
                {
                    continue;
                }
                switch (v)
                {
                    case double d when double.IsFinite(d): json.WriteNumber(k, d); break;
                    case int i: json.WriteNumber(k, i); break;
                    case long l: json.WriteNumber(k, l); break;
                    default: json.WriteString(k, Convert.ToString(v, CultureInfo.InvariantCulture)); break;
                }
            }
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }
}
