using System.Text.Json;
using OpenTelemetry.Proto.Logs.V1;
using OpenTelemetry.Proto.Resource.V1;

namespace WideEvents.Shipper.Otlp;

/// <summary>
/// An OTLP log record as one of our records (docs/record-format.md, "OpenTelemetry"): the time,
/// the template (the <c>{OriginalFormat}</c> attribute .NET's exporter sends, else the body), the
/// level from the severity, the trace context, the attributes flattened, the scope as the
/// category, the resource's attributes on every record.
/// </summary>
internal static class OtlpLogMapper
{
    private const string OriginalFormat = "{OriginalFormat}";

    public static void Write(OtlpLines lines, LogRecord log, string? scope, Resource? resource, ulong receivedNanos)
    {
        Utf8JsonWriter writer = lines.Begin();
        ulong time = log.TimeUnixNano != 0 ? log.TimeUnixNano : log.ObservedTimeUnixNano != 0 ? log.ObservedTimeUnixNano : receivedNanos;
        OtlpValues.WriteTime(writer, "@t", time);

        string? body = log.Body is null || log.Body.ValueCase == OpenTelemetry.Proto.Common.V1.AnyValue.ValueOneofCase.None ? null : OtlpValues.Render(log.Body);
        string? template = OtlpValues.Find(log.Attributes, OriginalFormat);
        lines.Written.Add(OriginalFormat);
        if (template is not null)
        {
            writer.WriteString("@mt", template);
            if (body is not null && body != template)
            {
                writer.WriteString("@m", body);
            }
        }
        else if (body is not null)
        {
            writer.WriteString("@mt", body);
        }

        if (Level(log.SeverityNumber) is string level)
        {
            writer.WriteString("@l", level);
        }

        if (OtlpValues.Find(log.Attributes, "exception.stacktrace") is string stack)
        {
            writer.WriteString("@x", stack);
            lines.Written.Add("exception.stacktrace");
        }

        WriteTraceContext(writer, log.TraceId, log.SpanId);
        if (log.EventName.Length > 0 && lines.Written.Add("event_name"))
        {
            writer.WriteString("event_name", log.EventName);
        }

        OtlpValues.WriteAll(writer, log.Attributes, lines.Written);

        // As Emit's records inside a span carry its span_id, so that analysis joins them to the span's records.
        if (log.SpanId.Length == 8 && log.SpanId.Span.IndexOfAnyExcept((byte)0) >= 0 && lines.Written.Add("span_id"))
        {
            writer.WriteString("span_id", OtlpValues.Hex(log.SpanId));
        }

        if (!string.IsNullOrEmpty(scope) && lines.Written.Add("category"))
        {
            writer.WriteString("category", scope);
        }

        lines.End(resource);
    }

    /// <summary>Writes <c>@tr</c> and <c>@sp</c> when the item has a trace context.</summary>
    public static void WriteTraceContext(Utf8JsonWriter writer, Google.Protobuf.ByteString traceId, Google.Protobuf.ByteString spanId)
    {
        if (traceId.Length == 16 && traceId.Span.IndexOfAnyExcept((byte)0) >= 0)
        {
            writer.WriteString("@tr", OtlpValues.Hex(traceId));
        }

        if (spanId.Length == 8 && spanId.Span.IndexOfAnyExcept((byte)0) >= 0)
        {
            writer.WriteString("@sp", OtlpValues.Hex(spanId));
        }
    }

    // OTLP severity numbers 1-24 in six ranges of four; Information is CLEF's default and not written.
    private static string? Level(SeverityNumber severity) => (int)severity switch
    {
        >= 1 and <= 4 => "Verbose",
        >= 5 and <= 8 => "Debug",
        >= 13 and <= 16 => "Warning",
        >= 17 and <= 20 => "Error",
        >= 21 => "Fatal",
        _ => null,
    };
}
