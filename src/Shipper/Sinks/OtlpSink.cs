using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Logs.V1;
using OpenTelemetry.Proto.Resource.V1;
using OpenTelemetry.Proto.Trace.V1;
using Polly;
using WideEvents.Contracts.Client;
using WideEvents.Shipper.Buffer;
using WideEvents.Shipper.Configuration;
using WideEvents.Shipper.Health;
using WideEvents.Shipper.Logging;
using WideEvents.Shipper.Otlp;
using WideEvents.Shipper.Records;

namespace WideEvents.Shipper.Sinks;

/// <summary>
/// Ships the buffer to an OTLP/gRPC receiver: each read of the buffer becomes one logs export
/// and, when it holds span ends, one traces export; the cursor moves once both succeeded. The
/// same Polly pipeline as <see cref="GrpcSink"/> retries them. What the receiver rejects (OTLP's
/// partial success) is logged and not sent again, as OTLP asks.
/// </summary>
internal sealed class OtlpSink : BackgroundService
{
    private const int MaxRecordsPerExport = 2_000;
    private const long MaxBytesPerExport = 2L << 20;

    private readonly OtlpSinkOptions _options;
    private readonly BufferReader _reader;
    private readonly ShipperMetrics _metrics;
    private readonly ILogger _logger;
    private readonly GrpcChannel _channel;
    private readonly LogsService.LogsServiceClient _logs;
    private readonly TraceService.TraceServiceClient _traces;
    private readonly Metadata _headers;
    private readonly ResiliencePipeline _pipeline;
    private readonly RetryDelays _delays;
    private readonly Resource _resource;

    public OtlpSink(OtlpSinkOptions options, DiskBuffer buffer, ShipperMetrics metrics, TimeProvider time, ILogger<OtlpSink> logger)
    {
        _options = options;
        _reader = buffer.Reader(options.Name);
        _metrics = metrics;
        _logger = logger;
        _channel = GrpcSinkChannel.Create(options, options.Endpoint);
        _logs = new LogsService.LogsServiceClient(_channel);
        _traces = new TraceService.TraceServiceClient(_channel);
        _headers = IngestChannel.Headers(options.Token.Resolve());
        foreach ((string name, string value) in options.Headers)
        {
            _headers.Add(name.ToLowerInvariant(), value);
        }

        _resource = new Resource { Attributes = { new KeyValue { Key = "service.name", Value = new AnyValue { StringValue = options.ServiceName } } } };
        _delays = RetryDelays.Between(options.RetryBaseDelaySeconds, options.RetryMaxDelaySeconds);
        _pipeline = GrpcSink.BuildPipeline(options, _delays, time, args => GrpcSink.ReportRetry(metrics, logger, options.Name, options.Endpoint, args));
        metrics.RegisterLag("sink:" + options.Name, () => _reader.BytesBehind);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                List<BufferedRun> runs = await _reader.ReadAsync(MaxRecordsPerExport, MaxBytesPerExport, stoppingToken).ConfigureAwait(false);
                (ExportLogsServiceRequest logs, ExportTraceServiceRequest? traces) = Convert(runs);
                await _pipeline.ExecuteAsync(token => new ValueTask(ExportAsync(logs, traces, token)), stoppingToken).ConfigureAwait(false);
                _reader.Commit(runs[^1].Next);
                _delays.Progress();
                _metrics.RecordsOut.Add(runs.Sum(r => r.Run.Count));
                _metrics.BytesOut.Add(runs.Sum(r => (long)r.Run.Lines.Length));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private (ExportLogsServiceRequest Logs, ExportTraceServiceRequest? Traces) Convert(List<BufferedRun> runs)
    {
        var scopeLogs = new ScopeLogs { Scope = new InstrumentationScope { Name = "WideEvents" } };
        var scopeSpans = new ScopeSpans { Scope = new InstrumentationScope { Name = "WideEvents" } };
        foreach (BufferedRun buffered in runs)
        {
            foreach (ReadOnlySpan<byte> line in new RecordRun.LineEnumerator(buffered.Run.Lines.Span))
            {
                var reader = new Utf8JsonReader(line);
                using JsonDocument record = JsonDocument.ParseValue(ref reader);
                scopeLogs.LogRecords.Add(OtlpRecordConverter.ToLog(record.RootElement));
                if (OtlpRecordConverter.ToSpan(record.RootElement) is Span span)
                {
                    scopeSpans.Spans.Add(span);
                }
            }
        }

        var logs = new ExportLogsServiceRequest { ResourceLogs = { new ResourceLogs { Resource = _resource, ScopeLogs = { scopeLogs } } } };
        ExportTraceServiceRequest? traces = scopeSpans.Spans.Count == 0 ? null
            : new ExportTraceServiceRequest { ResourceSpans = { new ResourceSpans { Resource = _resource, ScopeSpans = { scopeSpans } } } };
        return (logs, traces);
    }

    // Both exports are sent again after a failure of either: a receiver de-duplicates nothing, but
    // a retried export is what OTLP's own exporters do too (at least once).
    private async Task ExportAsync(ExportLogsServiceRequest logs, ExportTraceServiceRequest? traces, CancellationToken cancellationToken)
    {
        ExportLogsServiceResponse logged = await _logs.ExportAsync(logs, _headers, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (logged.PartialSuccess is { RejectedLogRecords: > 0 } rejectedLogs)
        {
            ShipperLog.SinkRejected(_logger, _options.Name, _options.Endpoint, rejectedLogs.RejectedLogRecords, rejectedLogs.ErrorMessage);
        }

        if (traces is not null)
        {
            ExportTraceServiceResponse traced = await _traces.ExportAsync(traces, _headers, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (traced.PartialSuccess is { RejectedSpans: > 0 } rejectedSpans)
            {
                ShipperLog.SinkRejected(_logger, _options.Name, _options.Endpoint, rejectedSpans.RejectedSpans, rejectedSpans.ErrorMessage);
            }
        }
    }

    public override void Dispose()
    {
        _channel.Dispose();
        base.Dispose();
    }
}
