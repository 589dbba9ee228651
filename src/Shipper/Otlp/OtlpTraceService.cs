using Grpc.Core;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Trace.V1;
using WideEvents.Shipper.Ingest;

namespace WideEvents.Shipper.Otlp;

/// <summary>OTLP/gRPC traces (<c>opentelemetry.proto.collector.trace.v1.TraceService/Export</c>) on the Ingest endpoint.</summary>
internal sealed class OtlpTraceService(BatchIntake intake) : TraceService.TraceServiceBase
{
    public override async Task<ExportTraceServiceResponse> Export(ExportTraceServiceRequest request, ServerCallContext context)
    {
        var export = new OtlpIntake(intake, context);
        int spans = 0;
        foreach (ResourceSpans resourceSpans in request.ResourceSpans)
        {
            foreach (ScopeSpans scopeSpans in resourceSpans.ScopeSpans)
            {
                foreach (Span span in scopeSpans.Spans)
                {
                    OtlpSpanMapper.Write(export.Lines, span, scopeSpans.Scope?.Name, resourceSpans.Resource);
                    spans++;
                }
            }

            await export.TakeAsync(resourceSpans.Resource).ConfigureAwait(false);
        }

        await export.DurableAsync().ConfigureAwait(false);
        var response = new ExportTraceServiceResponse();
        if (export.Quarantined > 0)
        {
            // A span is several records; each quarantined one is counted as a rejected span, at most all of them.
            long rejected = Math.Min(export.Quarantined, spans);
            response.PartialSuccess = new ExportTracePartialSuccess
            {
                RejectedSpans = rejected,
                ErrorMessage = $"{export.Quarantined} records made from these spans were quarantined by the collector (its quarantine.jsonl says why).",
            };
        }

        return response;
    }
}
