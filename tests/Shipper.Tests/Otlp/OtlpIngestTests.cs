using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using WideEvents.Shipper.Tests.Support;

namespace WideEvents.Shipper.Tests.Otlp;

/// <summary>The OpenTelemetry .NET SDK's own OTLP/gRPC exporter, pointed at a collector process.</summary>
public sealed class OtlpIngestTests
{
    private const string Token = "otlp-s3cret";

    [Fact]
    public async Task Logs_and_spans_exported_by_the_OpenTelemetry_SDK_are_stored_as_records_with_their_fields()
    {
        using var pair = new ShipperPair(token: Token);
        pair.StartCollector();
        await WaitUntilServingAsync(pair);

        ExportLogs(pair.Port, Token, count: 100);
        ExportSpans(pair.Port, Token);

        // 101 log records; 3 spans of 2 records each; the inner span's event and the failed span's exception.
        await Eventually.HoldsAsync(() => pair.StoredLines().Count >= 109, TimeSpan.FromSeconds(30), () => $"{pair.StoredLines().Count} stored\n" + pair.Logs());
        List<JsonElement> records = [.. pair.StoredLines().Select(line => JsonDocument.Parse(line).RootElement)];
        Assert.Equal(109, records.Count);

        JsonElement log = Assert.Single(records, r => Get(r, "@mt") == "Task {task_id} changed to {state}" && Get(r, "task_id") == "42");
        Assert.Equal("running", Get(log, "state"));
        Assert.Equal("Otlp.Tests", Get(log, "category"));
        Assert.Equal("otlp-test", Get(log, "service.name"));
        Assert.Equal("instance-1", Get(log, "service.instance.id"));
        Assert.Null(Get(log, "@l"));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$", Get(log, "@t")!);
        Assert.Equal("Warning", Get(Assert.Single(records, r => Get(r, "@mt") == "Careful with {thing}"), "@l"));

        JsonElement outerStart = Assert.Single(records, r => Get(r, "span_name") == "outer" && Get(r, "span_event") == "start");
        JsonElement outerEnd = Assert.Single(records, r => Get(r, "span_name") == "outer" && Get(r, "span_event") == "end");
        string outerId = Get(outerStart, "span_id")!;
        Assert.Matches("^[0-9a-f]{16}$", outerId);
        Assert.Equal(outerId, Get(outerEnd, "span_id"));
        Assert.Equal("7", Get(outerEnd, "task_id"));
        Assert.Equal("ok", Get(outerEnd, "outcome"));
        Assert.True(outerEnd.GetProperty("duration_s").GetDouble() > 0);
        Assert.Matches("^[0-9a-f]{32}$", Get(outerStart, "@tr")!);
        Assert.Null(Get(outerStart, "span_parent"));

        JsonElement innerStart = Assert.Single(records, r => Get(r, "span_name") == "inner" && Get(r, "span_event") == "start");
        Assert.Equal(outerId, Get(innerStart, "span_parent"));
        JsonElement checkpoint = Assert.Single(records, r => Get(r, "@mt") == "checkpoint");
        Assert.Equal(Get(innerStart, "span_id"), Get(checkpoint, "span_id"));
        Assert.Equal("3", Get(checkpoint, "attempt"));

        JsonElement failedEnd = Assert.Single(records, r => Get(r, "span_name") == "failing" && Get(r, "span_event") == "end");
        Assert.Equal("System.InvalidOperationException", Get(failedEnd, "outcome"));
        Assert.Equal("Error", Get(failedEnd, "@l"));
        Assert.Contains("went wrong", Get(Assert.Single(records, r => Get(r, "@mt") == "exception"), "@x"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_export_with_the_wrong_token_stores_nothing()
    {
        using var pair = new ShipperPair(token: Token);
        pair.StartCollector();
        await WaitUntilServingAsync(pair);

        ExportLogs(pair.Port, "not-the-token", count: 10);
        ExportSpans(pair.Port, "not-the-token");

        await Eventually.HoldsAsync(() => pair.Collector!.Log.Contains("wrong token", StringComparison.Ordinal), TimeSpan.FromSeconds(20), pair.Logs);
        Assert.Empty(pair.StoredLines());
    }

    private static async Task WaitUntilServingAsync(ShipperPair pair)
    {
        using Grpc.Net.Client.GrpcChannel channel = IngestClientFactory.Channel(pair.Port);
        await IngestClientFactory.WaitUntilServingAsync(new Contracts.V1.Ingest.IngestClient(channel), IngestClientFactory.Bearer(Token));
    }

    private static void ExportLogs(int port, string token, int count)
    {
        using ILoggerFactory factory = LoggerFactory.Create(logging => logging.AddOpenTelemetry(o =>
        {
            o.SetResourceBuilder(Resource());
            o.AddOtlpExporter(e => Configure(e, port, token));
        }));
        ILogger logger = factory.CreateLogger("Otlp.Tests");
        for (int i = 0; i < count; i++)
        {
            logger.LogInformation("Task {task_id} changed to {state}", i, "running");
        }

        logger.LogWarning("Careful with {thing}", "the token");
    }

    private static void ExportSpans(int port, string token)
    {
        using var source = new ActivitySource("Otlp.Tests");
        using (TracerProvider tracing = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(Resource())
            .AddSource("Otlp.Tests")
            .AddOtlpExporter(e => Configure(e, port, token))
            .Build())
        {
            using (Activity? outer = source.StartActivity("outer"))
            {
                outer?.SetTag("task_id", 7);
                using Activity? inner = source.StartActivity("inner");
                inner?.AddEvent(new ActivityEvent("checkpoint", tags: new ActivityTagsCollection { ["attempt"] = 3 }));
            }

            using Activity? failing = source.StartActivity("failing");
            failing?.AddException(new InvalidOperationException("it went wrong"));
            failing?.SetStatus(ActivityStatusCode.Error, "it went wrong");
        }
    }

    private static ResourceBuilder Resource() => ResourceBuilder.CreateEmpty().AddService("otlp-test", serviceInstanceId: "instance-1");

    private static void Configure(OtlpExporterOptions exporter, int port, string token)
    {
        exporter.Endpoint = new Uri($"http://127.0.0.1:{port}");
        exporter.Protocol = OtlpExportProtocol.Grpc;
        exporter.Headers = "authorization=Bearer " + token;
    }

    private static string? Get(JsonElement record, string key) =>
        record.TryGetProperty(key, out JsonElement value) ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText() : null;
}
