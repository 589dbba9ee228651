using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Visuals.Trace;

/// <summary>
/// Pairs span starts with ends: the contract's <c>span_event</c> records by <c>span_id</c>
/// (<c>duration_s</c> wins over the time difference), and the prototype's LexicalSpan messages
/// <c>X: start</c> / <c>X: end</c>, innermost first within one file, process, thread and task, as
/// <see cref="Reports.SpanReport"/> does.
/// </summary>
internal static class SpanPairs
{
    private const string EndWithException = ": end with exception";

    public static List<SpanPair> Find(IEnumerable<Record> records)
    {
        var pairs = new List<SpanPair>();
        var starts = new Dictionary<string, Record>(StringComparer.Ordinal);
        var open = new Dictionary<string, Stack<Record>>(StringComparer.Ordinal);
        foreach (var r in records.Where(r => !double.IsNaN(r.Time)).OrderBy(r => r.Time))
        {
            if (r.TryGet("span_event", out var ev) && r.TryGet("span_id", out var sid))
            {
                var id = sid.Canonical().ToString();
                if (ev.ToString() == "start")
                {
                    starts[id] = r;
                }
                else if (ev.ToString() == "end")
                {
                    starts.Remove(id, out var start);
                    var name = (r.TryGet("span_name", out var n) ? n : start?["span_name"] ?? Value.Null).ToString();
                    var begin = r.TryGet("duration_s", out var d) && d.TryGetNumber(out var seconds) ? r.Time - seconds : start?.Time ?? double.NaN;
                    if (double.IsNaN(begin))
                    {
                        continue;
                    }
                    var args = new List<KeyValuePair<string, object>> { new("span_id", id) };
                    var parent = r.TryGet("span_parent", out var p) ? p : start?["span_parent"] ?? Value.Null;
                    if (!parent.IsNull)
                    {
                        args.Add(new("span_parent", parent.ToString()));
                    }
                    if (r.TryGet("outcome", out var outcome) && !outcome.IsNull)
                    {
                        args.Add(new("outcome", outcome.ToString()));
                    }
                    pairs.Add(new SpanPair(start ?? r, Math.Min(begin, r.Time), r.Time, name.Length > 0 ? name : "span", args));
                }
                continue;
            }
            var template = r.Template();
            if (template is null)
            {
                continue;
            }
            if (template.EndsWith(": start", StringComparison.Ordinal))
            {
                var key = Scope(r, template[..^7]);
                if (!open.TryGetValue(key, out var stack))
                {
                    open[key] = stack = new Stack<Record>();
                }
                stack.Push(r);
            }
            else if (template.EndsWith(": end", StringComparison.Ordinal) || template.EndsWith(EndWithException, StringComparison.Ordinal))
            {
                var failed = template.EndsWith(EndWithException, StringComparison.Ordinal);
                var name = template[..^(failed ? EndWithException.Length : 5)];
                if (open.TryGetValue(Scope(r, name), out var stack) && stack.Count > 0)
                {
                    var start = stack.Pop();
                    var message = start.Message() ?? name;
                    var display = message.EndsWith(": start", StringComparison.Ordinal) ? message[..^7] : name;
                    var args = new List<KeyValuePair<string, object>> { new("template", name) };
                    if (failed)
                    {
                        args.Add(new("outcome", "exception"));
                    }
                    pairs.Add(new SpanPair(start, start.Time, r.Time, display, args));
                }
            }
        }
        return pairs;
    }

    private static string Scope(Record r, string name) =>
        $"{r.Source}\u0001{r.Process()}\u0001{r.Thread()}\u0001{r["parsl_task_id"].Canonical()}\u0001{name}";
}
