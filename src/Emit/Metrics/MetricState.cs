using System.Globalization;

namespace WideEvents.Emit.Metrics;

/// <summary>
/// The logging state of a metric with no other fields: its name and value as properties, under a
/// fixed template. A struct whose fields are named after its keys, so that the formatter writes
/// the value without boxing it.
/// </summary>
internal readonly struct MetricState(string metric, double value) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public const string Template = "Metric {metric} = {value}";

    private readonly string _metric = metric;
    private readonly double _value = value;

    public int Count => 3;

    public KeyValuePair<string, object?> this[int index] => index switch
    {
        0 => new(RecordFields.Metric, _metric),
        1 => new(RecordFields.Value, _value),
        2 => new("{OriginalFormat}", Template),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Metric {_metric} = {_value}");
}
