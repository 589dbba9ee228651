using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Reports;

/// <summary>A metric over time: min, mean and max per time bucket.</summary>
public static class MetricReport
{
    /// <summary>
    /// The series named <paramref name="name"/>: records with <c>metric</c> = name give their
    /// <c>value</c> (or, lacking one, each other numeric property as <c>name.key</c>); records with
    /// a numeric property called <paramref name="name"/> give that.
    /// </summary>
    /// <param name="records">The records.</param>
    /// <param name="name">The metric.</param>
    /// <param name="bucketSeconds">Bucket width; null chooses 1/50 of the time range (at least 1 ms).</param>
    public static IReadOnlyList<MetricSeries> Build(IEnumerable<Record> records, string name, double? bucketSeconds = null)
    {
        var series = new Dictionary<string, List<(double, double)>>(StringComparer.Ordinal);
        void Add(string s, double t, double v)
        {
            if (!series.TryGetValue(s, out var list))
            {
                series[s] = list = [];
            }
            list.Add((t, v));
        }
        foreach (var r in records)
        {
            var t = r.Time;
            if (double.IsNaN(t))
            {
                continue;
            }
            if (r.TryGet("metric", out var m) && m.ToString() == name)
            {
                foreach (var (key, v) in MetricValues.Of(r))
                {
                    Add(key == "value" ? name : name + "." + key, t, v);
                }
            }
            else if (r.TryGet(name, out var direct) && direct.Kind != ValueKind.Bool && direct.TryGetNumber(out var d))
            {
                Add(name, t, d);
            }
        }
        return series.OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => Bucketize(s.Key, s.Value.OrderBy(x => x.Item1).ToList(), bucketSeconds))
            .ToList();
    }

    /// <summary>
    /// Every name <see cref="Build"/> gives a series for: the values of <c>metric</c> keys first, then
    /// the keys with a numeric value, each by name; only records with a time count.
    /// </summary>
    /// <param name="records">The records.</param>
    public static IReadOnlyList<MetricName> Names(IEnumerable<Record> records)
    {
        var metrics = new Dictionary<string, int>(StringComparer.Ordinal);
        var keys = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var r in records)
        {
            if (double.IsNaN(r.Time))
            {
                continue;
            }
            if (r.TryGet("metric", out var m) && m.Kind != ValueKind.Null)
            {
                var name = m.ToString();
                metrics[name] = metrics.GetValueOrDefault(name) + 1;
                continue;
            }
            foreach (var (key, value) in r.Properties)
            {
                if (value.Kind != ValueKind.Bool && value.TryGetNumber(out _))
                {
                    keys[key] = keys.GetValueOrDefault(key) + 1;
                }
            }
        }
        return [
            .. metrics.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new MetricName(p.Key, true, p.Value)),
            .. keys.Where(p => !metrics.ContainsKey(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new MetricName(p.Key, false, p.Value)),
        ];
    }

    private static MetricSeries Bucketize(string name, List<(double Time, double Value)> samples, double? width)
    {
        var start = samples[0].Time;
        var range = samples[^1].Time - start;
        var w = width ?? Math.Max(range / 50, 0.001);
        var buckets = samples
            .GroupBy(s => Math.Floor((s.Time - start) / w))
            .Select(g => new MetricBucket(start + g.Key * w, g.Count(), g.Min(x => x.Value), Statistics.Mean(g.Select(x => x.Value).ToList()), g.Max(x => x.Value)))
            .ToList();
        return new MetricSeries(name, samples, w, buckets);
    }
}
