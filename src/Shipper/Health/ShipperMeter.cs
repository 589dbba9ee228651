using System.Diagnostics.Metrics;
using WideEvents.Shipper.Configuration;

namespace WideEvents.Shipper.Health;

/// <summary>
/// The shipper's counters as <c>System.Diagnostics.Metrics</c> instruments on the meter
/// <see cref="MeterName"/>, read when collected (by <c>dotnet-counters</c>, an OpenTelemetry
/// exporter, or the Prometheus endpoint): <c>wideevents.shipper.NAME</c> for every counter of
/// <c>status.json</c>, <c>wideevents.shipper.buffer_bytes</c> and <c>buffer_limit_bytes</c>, and
/// <c>wideevents.shipper.lag_bytes</c> tagged with the source or sink.
/// </summary>
internal sealed class ShipperMeter
{
    public const string MeterName = "WideEvents.Shipper";

    public const string Prefix = "wideevents.shipper.";

    public ShipperMeter(ShipperMetrics metrics, BufferOptions buffer, IMeterFactory meters)
    {
        Meter = meters.Create(MeterName);
        foreach ((string name, Counter counter) in metrics.Counters())
        {
            Meter.CreateObservableCounter(Prefix + name, () => counter.Value, Unit(name));
        }

        Meter.CreateObservableGauge(Prefix + "buffer_bytes", () => metrics.BufferBytes, "By", "Bytes in the disk buffer not yet delivered to every sink");
        Meter.CreateObservableGauge(Prefix + "buffer_limit_bytes", () => buffer.MaxBytes, "By", "Buffer:MaxBytes: sources wait when the buffer holds this much");
        Meter.CreateObservableGauge(
            Prefix + "lag_bytes",
            () => metrics.Lags().Select(l => new Measurement<long>(l.Value, new KeyValuePair<string, object?>("cursor", l.Key))),
            "By",
            "How far behind a source (file:NAME) or sink (sink:NAME) is");
    }

    /// <summary>The meter; disposed with the host's meter factory.</summary>
    public Meter Meter { get; }

    private static string Unit(string name) => name.Contains("bytes", StringComparison.Ordinal) ? "By" : "{count}";
}
