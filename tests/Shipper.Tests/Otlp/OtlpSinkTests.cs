using System.Text.Json;
using System.Text.Json.Nodes;
using WideEvents.Shipper.Tests.Support;

namespace WideEvents.Shipper.Tests.Otlp;

/// <summary>A sidecar's OTLP sink sending to a collector's OTLP ingest: our records there and back.</summary>
public sealed class OtlpSinkTests
{
    private static readonly string[] Records =
    [
        """{"@t":"2026-12-01T00:14:25.0781530Z","@mt":"Span {span_name} {span_event}","span_name":"execute","span_event":"start","span_id":"01a22ef3-e334-7181-884a-9e9ed6ee73d5","event_id":1,"event_name":"span_start","run_id":"01a22ef3-e32c-7199-8440-f2e2322ff4d5","task_id":1,"component":"worker","pid":12898}""",
        """{"@t":"2026-12-01T00:14:25.0912034Z","@mt":"Running body of task {task_id}","@l":"Debug","task_id":1,"span_id":"01a22ef3-e334-7181-884a-9e9ed6ee73d5","run_id":"01a22ef3-e32c-7199-8440-f2e2322ff4d5","ratio":0.25,"big":12345678901234,"ok":true,"nothing":null,"@@weird":"kept"}""",
        """{"@t":"2026-12-01T00:14:25.1000000Z","@mt":"Task {task_id} failed","@l":"Error","@x":"System.InvalidOperationException: boom\n   at Worker.Run()","@tr":"0af7651916cd43dd8448eb211c80319c","@sp":"b7ad6b7169203331","task_id":1}""",
        """{"@t":"2026-12-01T00:14:25.2000000Z","@mt":"Span {span_name} {span_event} after {duration_s} s: {outcome}","span_name":"execute","span_event":"end","duration_s":0.1218470,"outcome":"InvalidOperationException","span_id":"01a22ef3-e334-7181-884a-9e9ed6ee73d5","event_id":2,"event_name":"span_end","run_id":"01a22ef3-e32c-7199-8440-f2e2322ff4d5","task_id":1,"component":"worker","pid":12898}""",
    ];

    [Fact]
    public async Task Records_sent_through_the_OTLP_sink_and_received_by_OTLP_ingest_keep_every_field_and_span_ends_also_arrive_as_spans()
    {
        using var pair = new ShipperPair(token: "otlp-token", sidecar: config =>
        {
            JsonNode grpc = config["Sinks"]!["Grpc"]![0]!;
            config["Sinks"] = new JsonObject
            {
                ["Otlp"] = new JsonArray(new JsonObject
                {
                    ["Endpoint"] = grpc["Address"]!.GetValue<string>(),
                    ["Token"] = grpc["Token"]!.DeepClone(),
                    ["ServiceName"] = "round-trip",
                    ["RetryBaseDelaySeconds"] = 0.1,
                    ["RetryMaxDelaySeconds"] = 0.5,
                }),
            };
        });
        File.WriteAllLines(Path.Combine(pair.InputDirectory, "app.jsonl"), Records);
        pair.StartCollector();
        pair.StartSidecar();

        // Four records as logs, and the span's end as a span: its start and end record.
        await Eventually.HoldsAsync(() => pair.StoredLines().Count >= 6, TimeSpan.FromSeconds(30), () => $"{pair.StoredLines().Count} stored\n" + pair.Logs());
        List<JsonObject> stored = [.. pair.StoredLines().Select(line => JsonNode.Parse(line)!.AsObject())];
        Assert.Equal(6, stored.Count);

        foreach (string line in Records)
        {
            JsonObject sent = JsonNode.Parse(line)!.AsObject();
            JsonObject received = Assert.Single(stored, r => r["@t"]!.GetValue<string>() == sent["@t"]!.GetValue<string>() && r["@mt"]!.GetValue<string>() == sent["@mt"]!.GetValue<string>() && !r.ContainsKey("wideevents.span_id"));
            foreach ((string key, JsonNode? value) in sent)
            {
                Assert.True(received.ContainsKey(key), $"{key} missing from {received.ToJsonString()}");
                Assert.True(JsonNode.DeepEquals(value, received[key]), $"{key}: sent {value?.ToJsonString()}, received {received[key]?.ToJsonString()}");
            }

            Assert.Equal("round-trip", received["service.name"]!.GetValue<string>());
            Assert.Equal("test-host", received["host"]!.GetValue<string>());
        }

        JsonObject spanEnd = Assert.Single(stored, r => r.ContainsKey("wideevents.span_id") && r["span_event"]!.GetValue<string>() == "end");
        Assert.Equal("01a22ef3-e334-7181-884a-9e9ed6ee73d5", spanEnd["wideevents.span_id"]!.GetValue<string>());
        Assert.Equal("execute", spanEnd["span_name"]!.GetValue<string>());
        Assert.Equal("InvalidOperationException", spanEnd["outcome"]!.GetValue<string>());
        Assert.Equal(0.121847, spanEnd["duration_s"]!.GetValue<double>(), 6);
        Assert.Equal("2026-12-01T00:14:25.2000000Z", spanEnd["@t"]!.GetValue<string>());
        Assert.Equal("01a22ef3e32c71998440f2e2322ff4d5", spanEnd["@tr"]!.GetValue<string>());
        Assert.Equal(1, spanEnd["task_id"]!.GetValue<int>());
        JsonObject spanStart = Assert.Single(stored, r => r.ContainsKey("wideevents.span_id") && r["span_event"]!.GetValue<string>() == "start");
        Assert.Equal("2026-12-01T00:14:25.0781530Z", spanStart["@t"]!.GetValue<string>());
    }
}
