using System.Globalization;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Collections;
using OpenTelemetry.Proto.Common.V1;

namespace WideEvents.Shipper.Otlp;

/// <summary>
/// OTLP attribute values as flat record properties (docs/record-format.md, "OpenTelemetry"):
/// a key/value list becomes dotted keys (<c>http.request</c> → <c>http.request.method</c>), an
/// array one string of its items joined by ", ", bytes lowercase hex, NaN and infinities strings.
/// The first value of a key wins, as everywhere in the record format.
/// </summary>
internal static class OtlpValues
{
    // Deeper lists are rendered as one string rather than more dotted levels.
    private const int MaxDepth = 8;

    public static DateTime Time(ulong unixNanos) => DateTime.UnixEpoch.AddTicks((long)(unixNanos / 100));

    public static void WriteTime(Utf8JsonWriter writer, string key, ulong unixNanos) =>
        writer.WriteString(key, Time(unixNanos).ToString("O", CultureInfo.InvariantCulture));

    public static string Hex(ByteString id) => Convert.ToHexStringLower(id.Span);

    public static void WriteAll(Utf8JsonWriter writer, RepeatedField<KeyValue> attributes, HashSet<string> written)
    {
        foreach (KeyValue attribute in attributes)
        {
            Write(writer, attribute.Key, attribute.Value, written, 0);
        }
    }

    /// <summary>Writes a property the record has not written yet; a name beginning with <c>@</c> gets a second one.</summary>
    public static void Write(Utf8JsonWriter writer, string key, AnyValue? value, HashSet<string> written, int depth = 0)
    {
        if (value?.ValueCase == AnyValue.ValueOneofCase.KvlistValue && depth < MaxDepth)
        {
            foreach (KeyValue inner in value.KvlistValue.Values)
            {
                Write(writer, key + "." + inner.Key, inner.Value, written, depth + 1);
            }

            return;
        }

        string name = key.StartsWith('@') ? "@" + key : key;
        if (!written.Add(name))
        {
            return;
        }

        writer.WritePropertyName(name);
        switch (value?.ValueCase ?? AnyValue.ValueOneofCase.None)
        {
            case AnyValue.ValueOneofCase.StringValue:
                writer.WriteStringValue(value!.StringValue);
                break;
            case AnyValue.ValueOneofCase.BoolValue:
                writer.WriteBooleanValue(value!.BoolValue);
                break;
            case AnyValue.ValueOneofCase.IntValue:
                writer.WriteNumberValue(value!.IntValue);
                break;
            case AnyValue.ValueOneofCase.DoubleValue when double.IsFinite(value!.DoubleValue):
                writer.WriteNumberValue(value.DoubleValue);
                break;
            case AnyValue.ValueOneofCase.None:
                writer.WriteNullValue();
                break;
            default:
                writer.WriteStringValue(Render(value!));
                break;
        }
    }

    /// <summary>A value as text: how an array's items and values too deep to flatten are written.</summary>
    public static string Render(AnyValue value) => value.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.DoubleValue => RenderDouble(value.DoubleValue),
        AnyValue.ValueOneofCase.BytesValue => Convert.ToHexStringLower(value.BytesValue.Span),
        AnyValue.ValueOneofCase.ArrayValue => string.Join(", ", value.ArrayValue.Values.Select(Render)),
        AnyValue.ValueOneofCase.KvlistValue => "{" + string.Join(", ", value.KvlistValue.Values.Select(kv => kv.Key + ": " + Render(kv.Value))) + "}",
        _ => "",
    };

    private static string RenderDouble(double value) =>
        double.IsNaN(value) ? "NaN" : double.IsPositiveInfinity(value) ? "Infinity" : double.IsNegativeInfinity(value) ? "-Infinity" : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The string value of attribute <paramref name="key"/>, or null.</summary>
    public static string? Find(RepeatedField<KeyValue> attributes, string key)
    {
        foreach (KeyValue attribute in attributes)
        {
            if (attribute.Key == key)
            {
                return attribute.Value is null ? null : Render(attribute.Value);
            }
        }

        return null;
    }
}
