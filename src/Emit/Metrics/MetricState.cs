using System.Globalization;

namespace WideEvents.Emit.Metrics;

/// <summary>The logging state of a metric: its name and value as properties, under a fixed template.</summary>
internal sealed class MetricState : IReadOnlyList<KeyValuePair<string, object?>>
{
    private const string Template = "Metric {metric} = {value}";
    private readonly KeyValuePair<string, object?>[] _items;

    public MetricState(string metric, double value, IEnumerable<KeyValuePair<string, object?>> fields)
    {
        Metric = metric;
        Value = value;
        _items =
        [
            new(RecordFields.Metric, metric),
            new(RecordFields.Value, value),
            .. fields,
            new("{OriginalFormat}", Template),
        ];
    }

    public string Metric { get; }

    public double Value { get; }

    public int Count => _items.Length;

    public KeyValuePair<string, object?> this[int index] => _items[index];

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_items).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Metric {Metric} = {Value}");
}
