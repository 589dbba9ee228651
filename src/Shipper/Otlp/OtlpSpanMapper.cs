using System.Text.Json;
using OpenTelemetry.Proto.Resource.V1;
using OpenTelemetry.Proto.Trace.V1;

namespace WideEvents.Shipper.Otlp;

/// <summary>
/// An OTLP span as our span records (docs/record-format.md, "Spans" and "OpenTelemetry"): a start
/// record at its start time and an end record at its end time with <c>duration_s</c> and
/// <c>outcome</c>, both with <c>span_id</c> and <c>span_parent</c> (the W3C ids in hex), its
/// attributes and the resource's; each span event is a record of its own inside the span.
/// </summary>
internal static class OtlpSpanMapper
{
    private const string StartTemplate = "Span {span_name} {span_event}";
    private const string EndTemplate = "Span {span_name} {span_event} after {duration_s} s: {outcome}";

    // The keys a span's own records write, which its attributes must not write again. (Reified
    // keys need no entry: an attribute named "@x" is written as "@@x".)
    private static readonly string[] EdgeKeys = ["span_name", "span_event", "duration_s", "outcome", "status_message", "span_id", "span_parent", "event_id", "event_name", "span_kind"];
    private static readonly string[] EventKeys = ["span_id", "span_parent", "span_name"];

    /// <summary>Writes the span's records; returns how many.</summary>
    public static int Write(OtlpLines lines, Span span, string? scope, Resource? resource)
    {
        WriteEdge(lines, span, scope, resource, end: false);
        foreach (Span.Types.Event spanEvent in span.Events)
        {
            WriteEvent(lines, span, spanEvent, scope, resource);
        }

        WriteEdge(lines, span, scope, resource, end: true);
        return span.Events.Count + 2;
    }

    private static void WriteEdge(OtlpLines lines, Span span, string? scope, Resource? resource, bool end)
    {
        Utf8JsonWriter writer = lines.Begin();
        OtlpValues.WriteTime(writer, "@t", end ? span.EndTimeUnixNano : span.StartTimeUnixNano);
        writer.WriteString("@mt", end ? EndTemplate : StartTemplate);
        if (end && span.Status?.Code == Status.Types.StatusCode.Error)
        {
            writer.WriteString("@l", "Error");
        }

        OtlpLogMapper.WriteTraceContext(writer, span.TraceId, span.SpanId);
        writer.WriteString("span_name", span.Name);
        writer.WriteString("span_event", end ? "end" : "start");
        if (end)
        {
            double seconds = span.EndTimeUnixNano >= span.StartTimeUnixNano ? (span.EndTimeUnixNano - span.StartTimeUnixNano) / 1e9 : 0;
            writer.WriteNumber("duration_s", seconds);
            writer.WriteString("outcome", Outcome(span));
            if (span.Status is { Message.Length: > 0 })
            {
                writer.WriteString("status_message", span.Status.Message);
            }
        }

        WriteIds(writer, span);
        writer.WriteNumber("event_id", end ? 2 : 1);
        writer.WriteString("event_name", end ? "span_end" : "span_start");
        if (span.Kind != Span.Types.SpanKind.Unspecified)
        {
            writer.WriteString("span_kind", Kind(span.Kind));
        }

        lines.Written.UnionWith(EdgeKeys);
        WriteRest(lines, writer, span.Attributes, scope, resource);
    }

    private static void WriteEvent(OtlpLines lines, Span span, Span.Types.Event spanEvent, string? scope, Resource? resource)
    {
        Utf8JsonWriter writer = lines.Begin();
        OtlpValues.WriteTime(writer, "@t", spanEvent.TimeUnixNano != 0 ? spanEvent.TimeUnixNano : span.StartTimeUnixNano);
        writer.WriteString("@mt", spanEvent.Name);
        if (spanEvent.Name == "exception")
        {
            writer.WriteString("@l", "Error");
            if (OtlpValues.Find(spanEvent.Attributes, "exception.stacktrace") is string stack)
            {
                writer.WriteString("@x", stack);
                lines.Written.Add("exception.stacktrace");
            }
        }

        OtlpLogMapper.WriteTraceContext(writer, span.TraceId, span.SpanId);
        WriteIds(writer, span);
        writer.WriteString("span_name", span.Name);
        lines.Written.UnionWith(EventKeys);
        WriteRest(lines, writer, spanEvent.Attributes, scope, resource);
    }

    private static void WriteIds(Utf8JsonWriter writer, Span span)
    {
        writer.WriteString("span_id", OtlpValues.Hex(span.SpanId));
        if (span.ParentSpanId.Length > 0 && span.ParentSpanId.Span.IndexOfAnyExcept((byte)0) >= 0)
        {
            writer.WriteString("span_parent", OtlpValues.Hex(span.ParentSpanId));
        }
    }

    private static void WriteRest(OtlpLines lines, Utf8JsonWriter writer, Google.Protobuf.Collections.RepeatedField<OpenTelemetry.Proto.Common.V1.KeyValue> attributes, string? scope, Resource? resource)
    {
        OtlpValues.WriteAll(writer, attributes, lines.Written);
        if (!string.IsNullOrEmpty(scope) && lines.Written.Add("category"))
        {
            writer.WriteString("category", scope);
        }

        lines.End(resource);
    }

    // As Emit's spans: "ok", or what failed (the exception's type when the span recorded one).
    private static string Outcome(Span span)
    {
        if (span.Status?.Code != Status.Types.StatusCode.Error)
        {
            return "ok";
        }

        foreach (Span.Types.Event spanEvent in span.Events)
        {
            if (spanEvent.Name == "exception" && OtlpValues.Find(spanEvent.Attributes, "exception.type") is string type)
            {
                return type;
            }
        }

        return span.Status.Message.Length > 0 ? span.Status.Message : "error";
    }

    private static string Kind(Span.Types.SpanKind kind) => kind switch
    {
        Span.Types.SpanKind.Server => "server",
        Span.Types.SpanKind.Client => "client",
        Span.Types.SpanKind.Producer => "producer",
        Span.Types.SpanKind.Consumer => "consumer",
        _ => "internal",
    };
}
