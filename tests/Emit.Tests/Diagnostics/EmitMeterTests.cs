using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using WideEvents.Emit.Tests.Support;

namespace WideEvents.Emit.Tests.Diagnostics;

[Collection(ProcessWideCollection.Name)]
public sealed class EmitMeterTests
{
    [Fact]
    public async Task The_meter_counts_what_each_handler_wrote_and_dropped_tagged_with_component_and_handler()
    {
        var writer = new GatedWriter();
        var factory = LoggerFactory.Create(b => b.AddWideEvents(o =>
        {
            o.Component = "meter-test";
            o.AddWriter("gated", writer, h => h.QueueCapacity = 10);
        }));
        var logger = factory.CreateLogger("x");
        await Task.Run(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                logger.LogInformation("record {Index}", i);
            }
        }).WaitAsync(TimeSpan.FromSeconds(60));
        writer.Open();
        Assert.True(WideEventsLogging.ForceFlush(TimeSpan.FromSeconds(30)));

        var measured = Collect("meter-test");
        var records = writer.Records;
        var dropped = records.Where(r => r.ContainsKey("dropped_records")).Sum(r => r["dropped_records"]!.GetValue<long>());
        await factory.DisposeAsyncOrDispose();

        Assert.True(dropped > 0);
        Assert.Equal(records.Count, measured["wideevents.emit.records_written"]);
        Assert.Equal(dropped, measured["wideevents.emit.records_dropped"]);
        Assert.Equal(0, measured["wideevents.emit.queue_length"]);
    }

    /// <summary>Each instrument's value for the handler "gated" of <paramref name="component"/>, as a collector reads it.</summary>
    private static Dictionary<string, long> Collect(string component)
    {
        var values = new Dictionary<string, long>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "WideEvents.Emit")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var tagged = tags.ToArray();
            if (tagged.Contains(new("component", component)) && tagged.Contains(new("handler", "gated")))
            {
                values[instrument.Name] = value;
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return values;
    }
}
