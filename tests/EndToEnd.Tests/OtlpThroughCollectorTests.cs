using System.Diagnostics;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using WideEvents.Cli;
using WideEvents.EndToEnd.Tests.Support;

namespace WideEvents.EndToEnd.Tests;

/// <summary>A program instrumented only with the OpenTelemetry SDK, exporting to a collector, then analysed with <c>wide</c>.</summary>
public sealed class OtlpThroughCollectorTests
{
    [Fact]
    public async Task Spans_and_logs_from_the_OpenTelemetry_SDK_are_stored_and_wide_flow_and_wide_trace_show_them()
    {
        var root = Directory.CreateTempSubdirectory("we-otlp-").FullName;
        ShipperProcess? collector = null;
        try
        {
            var port = ShipperProcess.FreePort();
            var config = Path.Combine(root, "collector.json");
            await File.WriteAllTextAsync(config, $$"""
                { "DataDirectory": "collector-data", "Grpc": { "Address": "127.0.0.1", "Port": {{port}} },
                  "Sinks": { "Stores": [ { "Name": "store", "Directory": "store" } ] } }
                """);
            collector = ShipperProcess.Start(config);
            await ShipperProcess.WaitForPortAsync(port, TimeSpan.FromSeconds(60));
            Export(port);

            var store = Path.Combine(root, "store");
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (StoredLines(store) < 7 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }

            // 2 spans x 2 records, 3 log records.
            Assert.Equal(7, StoredLines(store));

            var (flowCode, flow, flowErrors) = Wide("flow", store, "--no-rules", "-e", "task_id=7");
            Assert.True(flowCode == 0, flowErrors);
            Assert.Contains("Span task 7 start", flow, StringComparison.Ordinal);
            Assert.Contains("Staging in 3 files", flow, StringComparison.Ordinal);

            var trace = Path.Combine(root, "trace.json");
            var (traceCode, _, traceErrors) = Wide("trace", store, "--no-rules", "-o", trace);
            Assert.True(traceCode == 0, traceErrors);
            var json = await File.ReadAllTextAsync(trace);
            Assert.Contains("\"stage in\"", json, StringComparison.Ordinal);
            Assert.Contains("\"task 7\"", json, StringComparison.Ordinal);
        }
        finally
        {
            if (collector is not null)
            {
                await collector.StopAsync();
                collector.Dispose();
            }

            Directory.Delete(root, recursive: true);
        }
    }

    private static void Export(int port)
    {
        void Configure(OtlpExporterOptions e)
        {
            e.Endpoint = new Uri($"http://127.0.0.1:{port}");
            e.Protocol = OtlpExportProtocol.Grpc;
        }

        var resource = ResourceBuilder.CreateEmpty().AddService("otel-worker");
        using var source = new ActivitySource("Worker");
        using var tracing = Sdk.CreateTracerProviderBuilder().SetResourceBuilder(resource).AddSource("Worker").AddOtlpExporter(Configure).Build();
        using (var logging = LoggerFactory.Create(b => b.AddOpenTelemetry(o => { o.SetResourceBuilder(resource); o.AddOtlpExporter(Configure); })))
        {
            var logger = logging.CreateLogger("Worker");
            using (var task = source.StartActivity("task 7"))
            {
                task?.SetTag("task_id", 7);
                logger.LogInformation("Task {task_id} begins", 7);
                using (var stage = source.StartActivity("stage in"))
                {
                    stage?.SetTag("task_id", 7);
                    logger.LogInformation("Staging in {files} files for task {task_id}", 3, 7);
                    Thread.Sleep(20);
                }

                logger.LogInformation("Task {task_id} done", 7);
            }
        }
    }

    private static int StoredLines(string store) =>
        Directory.Exists(store) ? Directory.EnumerateFiles(store, "*.jsonl").Sum(f => File.ReadLines(f).Count()) : 0;

    private static (int Code, string Output, string Errors) Wide(params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var code = WideCli.Run(args, output, errors);
        return (code, output.ToString(), errors.ToString());
    }
}
