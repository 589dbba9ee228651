using System.Globalization;

namespace WideEvents.Emit.Metrics;

/// <summary>The logging state of a metric that carries other fields as well.</summary>
internal sealed class MetricWithFieldsState : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly KeyValuePair<string, object?>[] _items;

    public MetricWithFieldsState(string metric, double value, IEnumerable<KeyValuePair<string, object?>> fields)
    {
        Metric = metric;
        Value = value;
        _items =
        [
            new(RecordFields.Metric, metric),
            new(RecordFields.Value, value),
            .. fields,
            new("{OriginalFormat}", MetricState.Template),
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
