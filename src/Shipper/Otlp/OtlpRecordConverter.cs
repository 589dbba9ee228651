using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Logs.V1;
using OpenTelemetry.Proto.Trace.V1;

namespace WideEvents.Shipper.Otlp;

/// <summary>
/// Our records as OTLP, the reverse of <see cref="OtlpLogMapper"/> and <see cref="OtlpSpanMapper"/>
/// (docs/record-format.md, "OpenTelemetry"): every record is a log record whose properties are
/// its attributes; a span's end record, which has the span's name, ids, duration and outcome, is
/// also a span. Span ids that are our UUIDs are folded to OTLP's 8 bytes (the original is kept as
/// <c>wideevents.span_id</c>); a span's trace is its <c>@tr</c>, else its <c>run_id</c>.
/// </summary>
internal static class OtlpRecordConverter
{
    private static readonly string[] SpanKeys = ["@t", "@mt", "@m", "@l", "@tr", "@sp", "span_name", "span_event", "span_id", "span_parent", "span_kind", "duration_s", "outcome", "status_message", "event_id", "event_name"];

    public static LogRecord ToLog(JsonElement record)
    {
        var log = new LogRecord();
        string? template = null;
        string? message = null;
        foreach (JsonProperty property in record.EnumerateObject())
        {
            switch (property.Name)
            {
                case "@t" when property.Value.ValueKind == JsonValueKind.String && TryNanos(property.Value.GetString(), out ulong nanos):
                    log.TimeUnixNano = nanos;
                    break;
                case "@mt":
                    template = property.Value.ToString();
                    break;
                case "@m":
                    message = property.Value.ToString();
                    break;
                case "@l":
                    (log.SeverityNumber, log.SeverityText) = Severity(property.Value.ToString());
                    break;
                case "@x":
                    log.Attributes.Add(Attribute("exception.stacktrace", property.Value));
                    break;
                case "@tr" when TryId(property.Value, 16, out ByteString? traceId):
                    log.TraceId = traceId;
                    break;
                case "@sp" when TryId(property.Value, 8, out ByteString? spanId):
                    log.SpanId = spanId;
                    break;
                default:
                    log.Attributes.Add(Attribute(Unescape(property.Name), property.Value));
                    break;
            }
        }

        if (log.SeverityNumber == SeverityNumber.Unspecified)
        {
            (log.SeverityNumber, log.SeverityText) = Severity("Information");
        }

        // The template as .NET's exporter sends it, with the rendered message as the body when there is one.
        if (template is not null)
        {
            log.Body = new AnyValue { StringValue = message ?? template };
            if (message is not null)
            {
                log.Attributes.Add(new KeyValue { Key = "{OriginalFormat}", Value = new AnyValue { StringValue = template } });
            }
        }
        else if (message is not null)
        {
            log.Body = new AnyValue { StringValue = message };
        }

        return log;
    }

    /// <summary>The span whose end <paramref name="record"/> is, or null when it is no span's end.</summary>
    public static Span? ToSpan(JsonElement record)
    {
        if (Text(record, "span_event") != "end" || Text(record, "span_id") is not string id
            || Text(record, "@t") is not string end || !TryNanos(end, out ulong endNanos))
        {
            return null;
        }

        double seconds = record.TryGetProperty("duration_s", out JsonElement duration) && duration.TryGetDouble(out double d) ? d : 0;
        string outcome = Text(record, "outcome") ?? "ok";
        var span = new Span
        {
            TraceId = TraceId(record),
            SpanId = SpanId(id),
            Name = Text(record, "span_name") ?? "span",
            Kind = Kind(Text(record, "span_kind")),
            EndTimeUnixNano = endNanos,
            StartTimeUnixNano = endNanos - (ulong)Math.Max(0, seconds * 1e9),
            Status = outcome == "ok"
                ? new Status { Code = Status.Types.StatusCode.Ok }
                : new Status { Code = Status.Types.StatusCode.Error, Message = Text(record, "status_message") ?? outcome },
        };
        if (Text(record, "span_parent") is string parent)
        {
            span.ParentSpanId = SpanId(parent);
        }

        if (!IsHex(id, 8))
        {
            span.Attributes.Add(new KeyValue { Key = "wideevents.span_id", Value = new AnyValue { StringValue = id } });
        }

        foreach (JsonProperty property in record.EnumerateObject())
        {
            if (Array.IndexOf(SpanKeys, property.Name) < 0)
            {
                span.Attributes.Add(Attribute(Unescape(property.Name), property.Value));
            }
        }

        return span;
    }

    private static KeyValue Attribute(string key, JsonElement value) => new() { Key = key, Value = Value(value) };

    private static AnyValue Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => new AnyValue { StringValue = value.GetString() },
        JsonValueKind.True => new AnyValue { BoolValue = true },
        JsonValueKind.False => new AnyValue { BoolValue = false },
        JsonValueKind.Number when value.TryGetInt64(out long integer) => new AnyValue { IntValue = integer },
        JsonValueKind.Number => new AnyValue { DoubleValue = value.GetDouble() },
        JsonValueKind.Null => new AnyValue(),
        _ => new AnyValue { StringValue = value.GetRawText() },
    };

    private static string Unescape(string key) => key.StartsWith("@@", StringComparison.Ordinal) ? key[1..] : key;

    private static string? Text(JsonElement record, string key) =>
        record.TryGetProperty(key, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool TryNanos(string? text, out ulong nanos)
    {
        nanos = 0;
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime time) || time < DateTime.UnixEpoch)
        {
            return false;
        }

        nanos = (ulong)(time - DateTime.UnixEpoch).Ticks * 100;
        return true;
    }

    private static (SeverityNumber, string) Severity(string level) => level switch
    {
        "Verbose" or "Trace" => (SeverityNumber.Trace, level),
        "Debug" => (SeverityNumber.Debug, level),
        "Warning" => (SeverityNumber.Warn, level),
        "Error" => (SeverityNumber.Error, level),
        "Fatal" or "Critical" => (SeverityNumber.Fatal, level),
        _ => (SeverityNumber.Info, level),
    };

    private static Span.Types.SpanKind Kind(string? kind) => kind switch
    {
        "server" => Span.Types.SpanKind.Server,
        "client" => Span.Types.SpanKind.Client,
        "producer" => Span.Types.SpanKind.Producer,
        "consumer" => Span.Types.SpanKind.Consumer,
        _ => Span.Types.SpanKind.Internal,
    };

    private static bool TryId(JsonElement value, int bytes, out ByteString? id)
    {
        id = value.ValueKind == JsonValueKind.String && value.GetString() is string text && IsHex(text, bytes) ? ByteString.CopyFrom(Convert.FromHexString(text)) : null;
        return id is not null;
    }

    private static bool IsHex(string text, int bytes) => text.Length == bytes * 2 && text.All(Uri.IsHexDigit);

    // OTLP's span ids are 8 bytes; ours are UUIDs: folded by a hash, the same for a span's own id and its children's span_parent.
    private static ByteString SpanId(string id) =>
        IsHex(id, 8) ? ByteString.CopyFrom(Convert.FromHexString(id)) : ByteString.CopyFrom(SHA256.HashData(Encoding.UTF8.GetBytes(id)).AsSpan(0, 8));

    private static ByteString TraceId(JsonElement record)
    {
        if (record.TryGetProperty("@tr", out JsonElement tr) && TryId(tr, 16, out ByteString? traceId))
        {
            return traceId!;
        }

        string key = Text(record, "run_id") ?? $"{Text(record, "host")}/{(record.TryGetProperty("pid", out JsonElement pid) ? pid.GetRawText() : "")}";
        return Guid.TryParse(key, out Guid run) ? ByteString.CopyFrom(run.ToByteArray(bigEndian: true)) : ByteString.CopyFrom(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 16));
    }
}
