using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Reports;

/// <summary>
/// Span durations by name, from the contract's <c>span_event</c> start/end pairs (matched by
/// <c>span_id</c>), from the prototype's <c>wrap_with_logs</c> records ("Starting %s" / "Normal
/// ending for %s" / "Exceptional ending for %s", matched by <c>wrap_id</c>), and from its
/// LexicalSpan messages <c>X: start</c> / <c>X: end</c>, which have no id and are matched
/// innermost-first within the same file, process, thread and task.
/// </summary>
public static class SpanReport
{
    private const string EndWithException = ": end with exception";

    /// <summary>Pairs starts with ends and summarises durations per span name.</summary>
    public static IReadOnlyList<SpanStats> Build(IEnumerable<Record> records)
    {
        var durations = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var failed = new Dictionary<string, int>(StringComparer.Ordinal);
        var unmatched = new Dictionary<string, int>(StringComparer.Ordinal);
        var byId = new Dictionary<string, Record>(StringComparer.Ordinal);
        var open = new Dictionary<string, Stack<double>>(StringComparer.Ordinal);
        var wrapped = new Dictionary<string, (string Name, double Time)>(StringComparer.Ordinal);
        var ended = new Dictionary<string, double>(StringComparer.Ordinal);

        void Done(string name, double duration, bool fail)
        {
            if (!durations.TryGetValue(name, out var list))
            {
                durations[name] = list = [];
            }
            list.Add(duration);
            if (fail)
            {
                failed[name] = failed.GetValueOrDefault(name) + 1;
            }
        }

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
                    var name = (r.TryGet("span_name", out var n) ? n : byId.GetValueOrDefault(id)?["span_name"] ?? Value.Null).ToString();
                    var hasStart = byId.Remove(id, out var start);
                    if (r.TryGet("duration_s", out var d) && d.TryGetNumber(out var seconds))
                    {
                        Done(name, seconds, IsFailure(r));
                    }
                    else if (hasStart)
                    {
                        Done(name, r.Time - start!.Time, IsFailure(r));
                    }
                    else
                    {
                        unmatched[name] = unmatched.GetValueOrDefault(name) + 1;
                    }
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
                var id = "wrap\u0001" + wrap.Canonical();
                // Parsl's per-try logs repeat the worker's records, so the same start or end can
                // arrive twice; a repeat has the same id and the same time.
                if (w.Start)
                {
                    wrapped[id] = (w.Name, r.Time);
                }
                else if (wrapped.Remove(id, out var started))
                {
                    Done(started.Name, r.Time - started.Time, w.Failed);
                    ended[id] = r.Time;
                }
                else if (ended.TryGetValue(id, out var endTime) && endTime == r.Time)
                {
                    continue;
                }
                else
                {
                    unmatched[w.Name] = unmatched.GetValueOrDefault(w.Name) + 1;
                }
                continue;
            }
            if (template.EndsWith(": start", StringComparison.Ordinal))
            {
                var key = Scope(r, template[..^7]);
                if (!open.TryGetValue(key, out var stack))
                {
                    open[key] = stack = new Stack<double>();
                }
                stack.Push(r.Time);
            }
            else if (template.EndsWith(": end", StringComparison.Ordinal) || template.EndsWith(EndWithException, StringComparison.Ordinal))
            {
                var fail = template.EndsWith(EndWithException, StringComparison.Ordinal);
                var name = template[..^(fail ? EndWithException.Length : 5)];
                if (open.TryGetValue(Scope(r, name), out var stack) && stack.Count > 0)
                {
                    Done(name, r.Time - stack.Pop(), fail);
                }
                else
                {
                    unmatched[name] = unmatched.GetValueOrDefault(name) + 1;
                }
            }
        }
        foreach (var s in byId.Values)
        {
            var name = s["span_name"].ToString();
            unmatched[name] = unmatched.GetValueOrDefault(name) + 1;
        }
        foreach (var (name, _) in wrapped.Values)
        {
            unmatched[name] = unmatched.GetValueOrDefault(name) + 1;
        }
        foreach (var (key, stack) in open)
        {
            var name = key[(key.LastIndexOf('\u0001') + 1)..];
            unmatched[name] = unmatched.GetValueOrDefault(name) + stack.Count;
        }
        return durations.Keys.Union(unmatched.Keys)
            .Select(name =>
            {
                var d = durations.GetValueOrDefault(name) ?? [];
                return new SpanStats(name, d.Count, failed.GetValueOrDefault(name), unmatched.GetValueOrDefault(name),
                    Statistics.Mean(d), Statistics.Percentile(d, 50), Statistics.Percentile(d, 95), d.Count == 0 ? double.NaN : d.Max());
            })
            .OrderByDescending(s => s.Count).ThenBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
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

    private static bool IsFailure(Record end) =>
        end.TryGet("outcome", out var o) && !o.IsNull && o.ToString() != "ok";

    private static string Scope(Record r, string name) =>
        $"{r.Source}\u0001{r.Process()}\u0001{r.Thread()}\u0001{r["parsl_task_id"].Canonical()}\u0001{name}";
}
