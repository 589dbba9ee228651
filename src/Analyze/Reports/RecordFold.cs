using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Reports;

/// <summary>
/// The facts of the reports kept up to date one record at a time (a streaming fold), so arriving
/// records update counters and charts without reloading: records per source, each lifecycle's
/// entities per state (<see cref="StateFold"/>), and metric samples, read with the same
/// lifecycles and metric reading as <see cref="StateReport"/> and <see cref="MetricReport"/>.
/// Not thread-safe: callers serialise <see cref="Add"/> and reads.
/// </summary>
public sealed class RecordFold
{
    private readonly Dictionary<Lifecycle, StateFold> _lifecycles = [];
    private readonly IReadOnlyList<Lifecycle> _known;

    /// <summary>A fold reading states with <paramref name="lifecycles"/> (default <see cref="Lifecycle.BuiltIn"/>).</summary>
    public RecordFold(IReadOnlyList<Lifecycle>? lifecycles = null) => _known = lifecycles ?? Lifecycle.BuiltIn;

    /// <summary>Records added.</summary>
    public long Records { get; private set; }

    /// <summary>Records per source (<c>logsource</c>, else the file name).</summary>
    public Dictionary<string, long> PerSource { get; } = new(StringComparer.Ordinal);

    /// <summary>Metric name → series (<c>name</c>, or <c>name.key</c> for multi-valued records) → samples in arrival order.</summary>
    public Dictionary<string, Dictionary<string, List<(double Time, double Value)>>> Metrics { get; } = new(StringComparer.Ordinal);

    /// <summary>The lifecycles seen so far.</summary>
    public IEnumerable<StateFold> Lifecycles => _lifecycles.Values;

    /// <summary>Folds in one record.</summary>
    public void Add(Record r)
    {
        Records++;
        var source = FlowReport.SourceName(r);
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
        if (StateEvents.Read(r, _known) is { } e)
        {
            if (!_lifecycles.TryGetValue(e.Lifecycle, out var fold))
            {
                _lifecycles[e.Lifecycle] = fold = new StateFold(e.Lifecycle);
            }
            fold.Add(e.Entity, t, e.State);
        }
    }
}
