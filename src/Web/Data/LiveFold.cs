using WideEvents.Analyze.Records;
using WideEvents.Analyze.Reports;

namespace WideEvents.Web.Data;

/// <summary>
/// Aggregates kept up to date one record at a time (a streaming fold), so arriving records update
/// counters and charts without reloading everything: records per source, each entity's current
/// state and the count per state, accepted state changes, and metric samples. Not thread-safe: the
/// store calls it under its lock.
/// </summary>
internal sealed class LiveFold
{
    private readonly Dictionary<Lifecycle, LifecycleFold> _lifecycles = [];

    public long Records { get; private set; }

    public Dictionary<string, long> PerSource { get; } = new(StringComparer.Ordinal);

    /// <summary>Metric name → series (<c>name</c>, or <c>name.key</c> for multi-valued records) → samples in arrival order.</summary>
    public Dictionary<string, Dictionary<string, List<(double Time, double Value)>>> Metrics { get; } = new(StringComparer.Ordinal);

    public IEnumerable<LifecycleFold> Lifecycles => _lifecycles.Values;

    public void Add(Record r)
    {
        Records++;
        var source = r.TryGet("logsource", out var ls) && !ls.IsNull ? ls.ToString() : Path.GetFileName(r.Source);
        PerSource[source] = PerSource.GetValueOrDefault(source) + 1;
        var t = r.Time;
        if (double.IsNaN(t))
        {
            return;
        }
        if (r.TryGet("metric", out var m) && !m.IsNull)
        {
            var name = m.ToString();
            if (!Metrics.TryGetValue(name, out var series))
            {
                Metrics[name] = series = new(StringComparer.Ordinal);
            }
            foreach (var (key, x) in MetricValues.Of(r))
            {
                var seriesName = key == "value" ? name : name + "." + key;
                if (!series.TryGetValue(seriesName, out var samples))
                {
                    series[seriesName] = samples = [];
                }
                samples.Add((t, x));
            }
        }
        if (StateEvents.Read(r) is { } e)
        {
            if (!_lifecycles.TryGetValue(e.Lifecycle, out var fold))
            {
                _lifecycles[e.Lifecycle] = fold = new LifecycleFold(e.Lifecycle);
            }
            fold.Add(e.Entity, t, e.State);
        }
    }

    /// <summary>One lifecycle's entities: current state per entity, counts now, and every accepted change.</summary>
    internal sealed class LifecycleFold(Lifecycle lifecycle)
    {
        private readonly Dictionary<string, EntityMachine> _machines = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _index = lifecycle.States.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i, StringComparer.Ordinal);

        public Lifecycle Lifecycle => lifecycle;

        public int[] Counts { get; } = new int[lifecycle.States.Count];

        public List<(double Time, int From, int To)> Changes { get; } = [];

        public int Entities => _machines.Count;

        public void Add(string entity, double time, string state)
        {
            if (!_machines.TryGetValue(entity, out var machine))
            {
                _machines[entity] = machine = new EntityMachine(lifecycle);
            }
            var before = machine.Current;
            // Arrival order, not time order: a late record of an earlier state is dropped, as the lifecycle says.
            if (!machine.Step(state))
            {
                return;
            }
            var from = before is null ? -1 : _index[before];
            var to = _index[state];
            if (from >= 0)
            {
                Counts[from]--;
            }
            Counts[to]++;
            Changes.Add((time, from, to));
        }

        /// <summary>The step function of the changes so far, swept in time order.</summary>
        public StateTimeline Timeline()
        {
            var counts = new int[Counts.Length];
            var points = new List<StatePoint>();
            foreach (var at in Changes.OrderBy(c => c.Time).GroupBy(c => c.Time))
            {
                foreach (var (_, from, to) in at)
                {
                    if (from >= 0)
                    {
                        counts[from]--;
                    }
                    counts[to]++;
                }
                points.Add(new StatePoint(at.Key, counts.ToArray()));
            }
            return new StateTimeline(lifecycle.Name, lifecycle.States, Entities, points, 0);
        }
    }
}
