using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace WideEvents.Emit.Formatting;

/// <summary>
/// Writes one property value as a flat JSON scalar, the way Serilog's <c>JsonValueFormatter</c>
/// writes scalars: numbers and booleans as themselves, NaN and infinities as strings, dates in
/// round-trip ("O") form, GUIDs lowercase. Nothing nested is written: a collection becomes one
/// string of its items joined by ", " and any other object its invariant <c>ToString()</c>.
/// </summary>
internal static class PropertyValueWriter
{
    public static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case int i:
                writer.WriteNumberValue(i);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case double d:
                WriteDouble(writer, d);
                break;
            case float f:
                WriteDouble(writer, f);
                break;
            case decimal m:
                writer.WriteNumberValue(m);
                break;
            case short or sbyte or byte or ushort:
                writer.WriteNumberValue(Convert.ToInt32(value, CultureInfo.InvariantCulture));
                break;
            case uint ui:
                writer.WriteNumberValue(ui);
                break;
            case ulong ul:
                writer.WriteNumberValue(ul);
                break;
            case Guid g:
                WriteGuid(writer, g);
                break;
            case DateTime dt:
                WriteFormattable(writer, dt, "O");
                break;
            case DateTimeOffset dto:
                WriteFormattable(writer, dto, "O");
                break;
            case Enum e:
                writer.WriteStringValue(e.ToString());
                break;
            case byte[] bytes:
                writer.WriteStringValue(Convert.ToHexStringLower(bytes));
                break;
            case IEnumerable sequence and not IFormattable:
                writer.WriteStringValue(JoinItems(sequence));
                break;
            case IFormattable formattable:
                writer.WriteStringValue(formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                writer.WriteStringValue(value.ToString());
                break;
        }
    }

    public static void WriteDouble(Utf8JsonWriter writer, double d)
    {
        if (double.IsFinite(d))
        {
            writer.WriteNumberValue(d);
        }
        else
        {
            // JSON has no NaN or Infinity; Serilog writes them as strings too.
            writer.WriteStringValue(d.ToString("R", CultureInfo.InvariantCulture));
        }
    }

    public static void WriteGuid(Utf8JsonWriter writer, Guid g)
    {
        Span<char> chars = stackalloc char[36];
        g.TryFormat(chars, out _, "D");
        writer.WriteStringValue(chars);
    }

    private static void WriteFormattable<T>(Utf8JsonWriter writer, T value, string format)
        where T : ISpanFormattable
    {
        Span<char> chars = stackalloc char[64];
        if (value.TryFormat(chars, out var written, format, CultureInfo.InvariantCulture))
        {
            writer.WriteStringValue(chars[..written]);
        }
        else
        {
            writer.WriteStringValue(value.ToString(format, CultureInfo.InvariantCulture));
        }
    }

    private static string JoinItems(IEnumerable sequence)
    {
        var text = new StringBuilder();
        foreach (var item in sequence)
        {
            if (text.Length > 0)
            {
                text.Append(", ");
            }

            text.Append(item is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : item?.ToString() ?? "null");
        }

        return text.ToString();
    }

    [ThreadStatic]
    private static (System.Buffers.ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Writer)? t_renderer;

    /// <summary>Renders a value once, as raw JSON bytes, for fields that never change.</summary>
    public static byte[] Render(object? value)
    {
        // Binding happens per task and per try in hot loops: reuse one writer per thread.
        var (buffer, writer) = t_renderer ??= NewRenderer();
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        Write(writer, value);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private static (System.Buffers.ArrayBufferWriter<byte>, Utf8JsonWriter) NewRenderer()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(64);
        return (buffer, new Utf8JsonWriter(buffer, RecordFormatter.WriterOptions));
    }
}
