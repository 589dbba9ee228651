using Grpc.Core;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Logs.V1;
using WideEvents.Shipper.Ingest;

namespace WideEvents.Shipper.Otlp;

/// <summary>OTLP/gRPC logs (<c>opentelemetry.proto.collector.logs.v1.LogsService/Export</c>) on the Ingest endpoint.</summary>
internal sealed class OtlpLogsService(BatchIntake intake) : LogsService.LogsServiceBase
{
    public override async Task<ExportLogsServiceResponse> Export(ExportLogsServiceRequest request, ServerCallContext context)
    {
        var export = new OtlpIntake(intake, context);
        ulong received = OtlpIntake.NowNanos();
        foreach (ResourceLogs resourceLogs in request.ResourceLogs)
        {
            foreach (ScopeLogs scopeLogs in resourceLogs.ScopeLogs)
            {
                foreach (LogRecord log in scopeLogs.LogRecords)
                {
                    OtlpLogMapper.Write(export.Lines, log, scopeLogs.Scope?.Name, resourceLogs.Resource, received);
                }
            }

            await export.TakeAsync(resourceLogs.Resource).ConfigureAwait(false);
        }

        await export.DurableAsync().ConfigureAwait(false);
        var response = new ExportLogsServiceResponse();
        if (export.Quarantined > 0)
        {
            response.PartialSuccess = new ExportLogsPartialSuccess
            {
                RejectedLogRecords = export.Quarantined,
                ErrorMessage = $"{export.Quarantined} log records were quarantined by the collector (its quarantine.jsonl says why).",
            };
        }

        return response;
    }
}
