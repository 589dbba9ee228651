using System.Diagnostics.Metrics;
using WideEvents.Emit.Handlers;
using WideEvents.Emit.Logging;

namespace WideEvents.Emit;

/// <summary>
/// An Emit process's own counters as <c>System.Diagnostics.Metrics</c> instruments on the meter
/// <see cref="MeterName"/>, read when collected (<c>dotnet-counters monitor --counters WideEvents.Emit</c>,
/// an OpenTelemetry metrics pipeline), each tagged with the <c>component</c> and the <c>handler</c>:
/// <c>wideevents.emit.records_written</c>, <c>wideevents.emit.records_dropped</c> (its queue was full)
/// and <c>wideevents.emit.queue_length</c>. Nothing is counted on the logging path for them.
/// </summary>
internal static class EmitMeter
{
    public const string MeterName = "WideEvents.Emit";

    private static readonly Lazy<Meter> Instance = new(Create);

    /// <summary>Creates the meter and its instruments once per process, when the first provider starts.</summary>
    public static void EnsureCreated() => _ = Instance.Value;

    private static Meter Create()
    {
        var meter = new Meter(MeterName, typeof(EmitMeter).Assembly.GetName().Version?.ToString());
        meter.CreateObservableCounter("wideevents.emit.records_written", () => Measure(h => h.WrittenTotal), "{record}", "Records handed to each handler's destination");
        meter.CreateObservableCounter("wideevents.emit.records_dropped", () => Measure(h => h.DroppedTotal), "{record}", "Records dropped because a handler's queue was full");
        meter.CreateObservableGauge("wideevents.emit.queue_length", () => Measure(h => h.QueueLength), "{record}", "Records waiting in each handler's queue");
        return meter;
    }

    private static IEnumerable<Measurement<long>> Measure(Func<RecordHandler, long> read)
    {
        foreach (var provider in WideEventsLoggerProvider.LiveProviders.Snapshot())
        {
            foreach (var handler in provider.Handlers)
            {
                yield return new Measurement<long>(read(handler), new KeyValuePair<string, object?>("component", provider.Component), new KeyValuePair<string, object?>("handler", handler.Name));
            }
        }
    }
}
