using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Reports;

/// <summary>
/// The one place spans are paired, for the span report and the trace alike: the contract's
/// <c>span_event</c> start/end records by <c>span_id</c> (<c>duration_s</c> wins over the time
/// difference); the prototype's <c>wrap_with_logs</c> records ("Starting %s" / "Normal ending for
/// %s" / "Exceptional ending for %s") by <c>wrap_id</c>; and its LexicalSpan messages
/// <c>X: start</c> / <c>X: end</c>, which have no id and are matched innermost first within the
/// same file, process, thread and task.
/// </summary>
internal static class SpanPairing
{
    private const string EndWithException = ": end with exception";

    /// <summary>The matched spans in order of their end, and the names of starts or ends left unmatched (one per record).</summary>
    public static (List<SpanInterval> Spans, List<string> Unmatched) Find(IEnumerable<Record> records)
    {
        var spans = new List<SpanInterval>();
        var unmatched = new List<string>();
        var byId = new Dictionary<string, Record>(StringComparer.Ordinal);
        var open = new Dictionary<string, (string Name, Stack<Record> Starts)>(StringComparer.Ordinal);
        var wrapped = new Dictionary<string, (string Name, Record Start)>(StringComparer.Ordinal);
        var ended = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var r in records.Where(r => !double.IsNaN(r.Time)).OrderBy(r => r.Time))
        {
            if (r.TryGet("span_event", out var ev) && r.TryGet("span_id", out var sid))
            {
                var id = sid.Canonical().ToString();
                if (ev.ToString() == "start")
                {
                    byId[id] = r;
                }
                else if (ev.ToString() == "end")
                {
                    byId.Remove(id, out var start);
                    var name = (r.TryGet("span_name", out var n) ? n : start?["span_name"] ?? Value.Null).ToString();
                    var seconds = double.NaN;
                    var hasDuration = r.TryGet("duration_s", out var d) && d.TryGetNumber(out seconds);
                    var begin = hasDuration ? r.Time - seconds : start?.Time ?? double.NaN;
                    if (double.IsNaN(begin))
                    {
                        unmatched.Add(name);
                        continue;
                    }
                    var details = new List<KeyValuePair<string, object>> { new("span_id", id) };
                    var parent = r.TryGet("span_parent", out var p) ? p : start?["span_parent"] ?? Value.Null;
                    if (!parent.IsNull)
                    {
                        details.Add(new("span_parent", parent.ToString()));
                    }
                    var failed = false;
                    if (r.TryGet("outcome", out var outcome) && !outcome.IsNull)
                    {
                        details.Add(new("outcome", outcome.ToString()));
                        failed = outcome.ToString() != "ok";
                    }
                    var shown = name.Length > 0 ? name : "span";
                    spans.Add(new SpanInterval(start ?? r, Math.Min(begin, r.Time), r.Time, name, shown, failed, details) { Duration = hasDuration ? seconds : r.Time - begin });
                }
                continue;
            }
            var template = r.Template();
            if (template is null)
            {
                continue;
            }
            if (r.TryGet("wrap_id", out var wrap) && WrapSpan(template, r) is { } w)
            {
                var id = wrap.Canonical().ToString();
                // Parsl's per-try logs repeat the worker's records, so the same start or end can
                // arrive twice; a repeat has the same id and the same time.
                if (w.Start)
                {
                    wrapped[id] = (w.Name, r);
                }
                else if (wrapped.Remove(id, out var started))
                {
                    var details = new List<KeyValuePair<string, object>> { new("wrap_id", id) };
                    if (w.Failed)
                    {
                        details.Add(new("outcome", "exception"));
                    }
                    spans.Add(new SpanInterval(started.Start, started.Start.Time, r.Time, started.Name, started.Name, w.Failed, details));
                    ended[id] = r.Time;
                }
                else if (!(ended.TryGetValue(id, out var endTime) && endTime == r.Time))
                {
                    unmatched.Add(w.Name);
                }
                continue;
            }
            if (template.EndsWith(": start", StringComparison.Ordinal))
            {
                var name = template[..^7];
                var key = Scope(r, name);
                if (!open.TryGetValue(key, out var entry))
                {
                    open[key] = entry = (name, new Stack<Record>());
                }
                entry.Starts.Push(r);
            }
            else if (template.EndsWith(": end", StringComparison.Ordinal) || template.EndsWith(EndWithException, StringComparison.Ordinal))
            {
                var failed = template.EndsWith(EndWithException, StringComparison.Ordinal);
                var name = template[..^(failed ? EndWithException.Length : 5)];
                if (open.TryGetValue(Scope(r, name), out var entry) && entry.Starts.Count > 0)
                {
                    var start = entry.Starts.Pop();
                    var message = start.Message() ?? name;
                    var display = message.EndsWith(": start", StringComparison.Ordinal) ? message[..^7] : name;
                    var details = new List<KeyValuePair<string, object>> { new("template", name) };
                    if (failed)
                    {
                        details.Add(new("outcome", "exception"));
                    }
                    spans.Add(new SpanInterval(start, start.Time, r.Time, name, display, failed, details));
                }
                else
                {
                    unmatched.Add(name);
                }
            }
        }
        unmatched.AddRange(byId.Values.Select(s => s["span_name"].ToString()));
        unmatched.AddRange(wrapped.Values.Select(w => w.Name));
        unmatched.AddRange(open.Values.SelectMany(e => Enumerable.Repeat(e.Name, e.Starts.Count)));
        return (spans, unmatched);
    }

    // "Starting _launch_if_ready_async on thread Task-Launch_0": the span is the wrapped function.
    private static (string Name, bool Start, bool Failed)? WrapSpan(string template, Record r)
    {
        var (prefix, start, failed) = template switch
        {
            "Starting %s" => ("Starting ", true, false),
            "Normal ending for %s" => ("Normal ending for ", false, false),
            "Exceptional ending for %s" => ("Exceptional ending for ", false, true),
            _ => (null, false, false),
        };
        var message = r.Message();
        if (prefix is null || message is null || !message.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var name = message[prefix.Length..];
        var thread = name.IndexOf(" on thread ", StringComparison.Ordinal);
        return (thread >= 0 ? name[..thread] : name, start, failed);
    }

    private static string Scope(Record r, string name) =>
        $"{r.Source}\u0001{r.Process()}\u0001{r.Thread()}\u0001{r["parsl_task_id"].Canonical()}\u0001{name}";
}
