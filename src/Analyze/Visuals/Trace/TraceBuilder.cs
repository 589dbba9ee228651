using WideEvents.Analyze.Algebra;
using WideEvents.Analyze.Records;
using WideEvents.Analyze.Reports;
using WideEvents.Analyze.Visuals.States;

namespace WideEvents.Analyze.Visuals.Trace;

/// <summary>Turns records into trace events: tracks, slices, flows, counters and instants.</summary>
internal sealed class TraceBuilder
{
    private const int StatesPid = 1;

    private static readonly HashSet<string> Noise = new(StringComparer.Ordinal) { "repr", "known_keys" };

    // Trace-viewer's reserved colour for failures, so failed tries and spans stand out.
    private const string Bad = "bad";


    private readonly IReadOnlyList<Record> _records;
    private readonly TraceOptions _options;
    private readonly Dictionary<string, int> _pids = new(StringComparer.Ordinal);
    private readonly Dictionary<(int Pid, string Thread), int> _tids = [];
    private readonly Dictionary<int, int> _nextTid = [];
    private readonly List<TraceEvent> _metadata = [];
    private readonly List<TraceEvent> _events = [];
    private long _nextFlow = 1;
    private int _slices;
    private int _flows;
    private int _counters;
    private int _instants;

    public TraceBuilder(IReadOnlyList<Record> records, TraceOptions options)
    {
        _records = records;
        _options = options;
        Origin = records.Where(r => !double.IsNaN(r.Time)).Select(r => r.Time).DefaultIfEmpty(0).Min();
    }

    /// <summary>Epoch seconds of time zero.</summary>
    public double Origin { get; }

    public IEnumerable<TraceEvent> Events => _metadata.Concat(_events);

    public TraceSummary Summary => new(_pids.Count + (_tids.Keys.Any(k => k.Pid == StatesPid) ? 1 : 0), _tids.Count, _slices, _flows, _counters, _instants);

    public TraceBuilder Build()
    {
        var states = EntityStates.Build(_records, null, _options.Lifecycles);
        if (states.Count > 0)
        {
            Meta(StatesPid, 0, "process_name", "name", "task states");
            Meta(StatesPid, 0, "process_sort_index", "sort_index", 0);
        }
        var stateAnchors = AddStates(states);
        foreach (var r in _records.Where(r => !double.IsNaN(r.Time)).OrderBy(r => r.Time))
        {
            Pid(r);
        }
        AddSpans();
        AddTasks(stateAnchors);
        AddCounters();
        if (_options.IncludeRecords)
        {
            AddInstants();
        }
        return this;
    }

    private double Us(double epochSeconds) => Math.Round((epochSeconds - Origin) * 1e6, 3);

    private Dictionary<string, (int Tid, double Mid)> AddStates(IReadOnlyList<EntityStateHistory> histories)
    {
        var anchors = new Dictionary<string, (int, double)>(StringComparer.Ordinal);
        // One row per entity reads like a Gantt chart; past a few hundred entities, entities that
        // do not overlap share rows so the trace stays navigable.
        var lanes = histories.Count > _options.MaxEntityRows
            ? TrackLanes.Assign(histories.Select(h => new Interval(Us(h.Start), Math.Max(Us(h.Start), Us(h.End)), "", "", [])).ToList(), allowNesting: false)
            : null;
        for (var i = 0; i < histories.Count; i++)
        {
            var h = histories[i];
            var name = h.Keys.Count > 0 ? $"{h.Lifecycle} {h.Keys[^1].Value}" : $"{h.Lifecycle} {h.Entity}";
            var tid = Tid(StatesPid, lanes is null ? name : $"{h.Lifecycle}s {lanes[i] + 1}");
            var start = Us(h.Start);
            var end = Math.Max(start, Us(h.End));
            var args = h.Keys.Select(k => new KeyValuePair<string, object>(k.Key, k.Value)).ToList();
            args.Add(new("entity", h.Entity));
            args.Add(new("final_state", h.FinalState));
            Slice(StatesPid, tid, new Interval(start, end, name, "task", args));
            foreach (var s in h.Intervals)
            {
                var ss = Math.Clamp(Us(s.Start), start, end);
                var se = Math.Clamp(Us(s.End), ss, end);
                var sargs = new List<KeyValuePair<string, object>> { new("state", s.State) };
                if (s.IsOpen)
                {
                    sargs.Add(new("still_in_state", "true"));
                }
                Slice(StatesPid, tid, new Interval(ss, se, s.State, "task-state", sargs) { Color = s.IsFailure ? Bad : null });
            }
            if (h.Keys.Count > 0 && end > start)
            {
                anchors[string.Join("/", h.Keys.Select(k => k.Value))] = (tid, start + (end - start) / 2);
            }
        }
        return anchors;
    }

    private void AddSpans()
    {
        var byTrack = new Dictionary<(int Pid, string Thread), List<Interval>>();
        foreach (var span in SpanPairing.Find(_records).Spans)
        {
            var track = (Pid(span.Anchor), span.Anchor.Thread() ?? "main");
            if (!byTrack.TryGetValue(track, out var list))
            {
                byTrack[track] = list = [];
            }
            var start = Us(span.Start);
            list.Add(new Interval(start, Math.Max(start, Us(span.End)), span.Display, "span", span.Details) { Color = span.Failed ? Bad : null });
        }
        foreach (var ((pid, thread), intervals) in byTrack)
        {
            var lanes = TrackLanes.Assign(intervals, allowNesting: true);
            for (var i = 0; i < intervals.Count; i++)
            {
                Slice(pid, Tid(pid, lanes[i] == 0 ? thread : $"{thread} (overlap {lanes[i] + 1})"), intervals[i]);
            }
        }
    }

    private void AddTasks(Dictionary<string, (int Tid, double Mid)> stateAnchors)
    {
        var keys = _options.EntityKeys ?? CommonPathReport.DetectEntityKeys(_records);
        var byPid = new Dictionary<int, List<(string Task, Interval Slice)>>();
        foreach (var group in _records.Where(r => !double.IsNaN(r.Time)).GroupByKeys([.. keys]))
        {
            var task = string.Join("/", group.Key.Select(v => v.ToString()));
            var label = "task " + group.Key[^1];
            foreach (var perPid in group.Records.GroupBy(Pid))
            {
                var start = Us(perPid.Min(r => r.Time));
                // At least 1 µs, so the flow arrow's end has a slice to bind to.
                var end = Math.Max(Us(perPid.Max(r => r.Time)), start + 1);
                var args = keys.Zip(group.Key, (k, v) => new KeyValuePair<string, object>(k, v.ToString())).ToList();
                args.Add(new("records", perPid.Count()));
                if (!byPid.TryGetValue(perPid.Key, out var list))
                {
                    byPid[perPid.Key] = list = [];
                }
                list.Add((task, new Interval(start, end, label, "task-activity", args)));
            }
        }
        var chains = new Dictionary<string, List<(int Pid, int Tid, double Start, double Mid)>>(StringComparer.Ordinal);
        foreach (var (pid, slices) in byPid)
        {
            var lanes = TrackLanes.Assign(slices.Select(s => s.Slice).ToList(), allowNesting: false);
            for (var i = 0; i < slices.Count; i++)
            {
                var (task, slice) = slices[i];
                var tid = Tid(pid, $"tasks {lanes[i] + 1}");
                Slice(pid, tid, slice);
                if (!chains.TryGetValue(task, out var chain))
                {
                    chains[task] = chain = [];
                }
                chain.Add((pid, tid, slice.Start, slice.Start + slice.Duration / 2));
            }
        }
        foreach (var (task, chain) in chains)
        {
            var hops = chain.OrderBy(c => c.Start).ToList();
            if (stateAnchors.TryGetValue(task, out var anchor))
            {
                hops.Insert(0, (StatesPid, anchor.Tid, 0, anchor.Mid));
            }
            for (var i = 1; i < hops.Count; i++)
            {
                Flow(hops[i - 1].Pid, hops[i - 1].Tid, hops[i - 1].Mid, hops[i].Pid, hops[i].Tid, hops[i].Mid, task);
            }
        }
    }

    private void AddCounters()
    {
        foreach (var r in _records)
        {
            if (double.IsNaN(r.Time) || !r.TryGet("metric", out var metric) || metric.IsNull)
            {
                continue;
            }
            var args = MetricValues.Of(r).Select(v => new KeyValuePair<string, object>(v.Key, v.Value)).ToList();
            if (args.Count == 0)
            {
                continue;
            }
            _events.Add(new TraceEvent { Phase = 'C', Name = metric.ToString(), Pid = Pid(r), Tid = 0, Ts = Us(r.Time), Args = args });
            _counters++;
        }
    }

    private void AddInstants()
    {
        foreach (var r in _records)
        {
            if (double.IsNaN(r.Time))
            {
                continue;
            }
            var pid = Pid(r);
            var message = r.Message() ?? "record";
            var args = new List<KeyValuePair<string, object>> { new("message", Cut(message)), new("source", r.Source) };
            foreach (var (k, v) in r.Properties)
            {
                if (!Noise.Contains(k) && !v.IsNull)
                {
                    args.Add(new(k, Cut(v.ToString())));
                }
            }
            var name = r.Template() ?? message;
            _events.Add(new TraceEvent { Phase = 'i', Name = name.Length > 120 ? name[..120] : name, Category = "record", Pid = pid, Tid = Tid(pid, r.Thread() ?? "main"), Ts = Us(r.Time), Scope = "t", Args = args, Color = r.Level() >= Severity.Error ? Bad : null });
            _instants++;
        }
    }

    private string Cut(string text) => text.Length > _options.MaxArgumentLength ? text[.._options.MaxArgumentLength] + "…" : text;

    private void Slice(int pid, int tid, Interval iv)
    {
        _events.Add(new TraceEvent { Phase = 'X', Name = iv.Name, Category = iv.Category, Pid = pid, Tid = tid, Ts = iv.Start, Dur = Math.Round(iv.Duration, 3), Args = iv.Args, Color = iv.Color });
        _slices++;
    }

    private void Flow(int fromPid, int fromTid, double fromTs, int toPid, int toTid, double toTs, string task)
    {
        var id = _nextFlow++;
        var args = new List<KeyValuePair<string, object>> { new("task", task) };
        _events.Add(new TraceEvent { Phase = 's', Name = "task flow", Category = "flow", Pid = fromPid, Tid = fromTid, Ts = fromTs, Id = id, Args = args });
        _events.Add(new TraceEvent { Phase = 'f', Name = "task flow", Category = "flow", Pid = toPid, Tid = toTid, Ts = toTs, Id = id, BindingPoint = "e", Args = args });
        _flows++;
    }

    private int Pid(Record r)
    {
        var key = ProcessIdentity.Key(r);
        if (_pids.TryGetValue(key, out var pid))
        {
            return pid;
        }
        pid = _pids.Count + 2;
        _pids[key] = pid;
        Meta(pid, 0, "process_name", "name", ProcessIdentity.Label(r));
        Meta(pid, 0, "process_sort_index", "sort_index", pid);
        return pid;
    }

    private int Tid(int pid, string thread)
    {
        if (_tids.TryGetValue((pid, thread), out var tid))
        {
            return tid;
        }
        tid = _nextTid[pid] = _nextTid.GetValueOrDefault(pid) + 1;
        _tids[(pid, thread)] = tid;
        Meta(pid, tid, "thread_name", "name", thread);
        Meta(pid, tid, "thread_sort_index", "sort_index", tid);
        return tid;
    }

    private void Meta(int pid, int tid, string name, string argName, object value) =>
        _metadata.Add(new TraceEvent { Phase = 'M', Name = name, Pid = pid, Tid = tid, Args = [new(argName, value)] });
}
