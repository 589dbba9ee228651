using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace WideEvents.Shipper.Health;

/// <summary>
/// Collects the shipper's meter on each scrape and writes it in the Prometheus text exposition
/// format (0.0.4): <c>wideevents.shipper.records_in</c> becomes <c>wideevents_shipper_records_in_total</c>,
/// gauges keep their name, tags become labels.
/// </summary>
internal sealed class PrometheusScrape : IDisposable
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly MeterListener _listener = new();
    private readonly Lock _gate = new();
    private readonly List<(Instrument Instrument, long Value, KeyValuePair<string, object?>[] Tags)> _measurements = [];

    public PrometheusScrape(ShipperMeter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter.Meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => _measurements.Add((instrument, value, tags.ToArray())));
        _listener.Start();
    }

    /// <summary>The current value of every instrument, as Prometheus text.</summary>
    public string Collect()
    {
        lock (_gate)
        {
            _measurements.Clear();
            _listener.RecordObservableInstruments();
            var text = new StringBuilder();
            foreach (IGrouping<Instrument, (Instrument Instrument, long Value, KeyValuePair<string, object?>[] Tags)> instrument in _measurements.GroupBy(m => m.Instrument))
            {
                bool counter = instrument.Key is ObservableCounter<long>;
                string name = instrument.Key.Name.Replace('.', '_') + (counter ? "_total" : string.Empty);
                if (!string.IsNullOrEmpty(instrument.Key.Description))
                {
                    text.Append("# HELP ").Append(name).Append(' ').Append(instrument.Key.Description.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)).Append('\n');
                }

                text.Append("# TYPE ").Append(name).Append(counter ? " counter\n" : " gauge\n");
                foreach ((_, long value, KeyValuePair<string, object?>[] tags) in instrument)
                {
                    text.Append(name);
                    if (tags.Length > 0)
                    {
                        text.Append('{').AppendJoin(',', tags.Select(t => $"{t.Key}=\"{Escape(t.Value)}\"")).Append('}');
                    }

                    text.Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
                }
            }

            return text.ToString();
        }
    }

    public void Dispose() => _listener.Dispose();

    private static string Escape(object? value) =>
        Convert.ToString(value, CultureInfo.InvariantCulture)!
            .Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);
}
