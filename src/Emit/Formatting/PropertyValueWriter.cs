using System.Runtime.CompilerServices;
using System.Collections;
using System.Globalization;
using System.Text;
using WideEvents.Contracts.Records;

namespace WideEvents.Emit.Formatting;

/// <summary>
/// Writes one property value as a flat JSON scalar, the way Serilog's <c>JsonValueFormatter</c>
/// writes scalars: numbers and booleans as themselves, NaN and infinities as strings, dates in
/// round-trip ("O") form, GUIDs lowercase. Nothing nested is written: a collection becomes one
/// string of its items joined by ", " and any other object its invariant <c>ToString()</c>.
/// </summary>
internal static class PropertyValueWriter
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Write(ClefWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.Null();
                break;
            case string s:
                writer.String(s);
                break;
            case bool b:
                writer.Bool(b);
                break;
            case int i:
                writer.Number(i);
                break;
            case long l:
                writer.Number(l);
                break;
            case double d:
                writer.Number(d);
                break;
            case float f:
                writer.Number(f);
                break;
            case decimal m:
                writer.Number(m);
                break;
            case short or sbyte or byte or ushort:
                writer.Number(Convert.ToInt32(value, CultureInfo.InvariantCulture));
                break;
            case uint ui:
                writer.Number(ui);
                break;
            case ulong ul:
                writer.Number(ul);
                break;
            case Guid g:
                writer.FormattedString(g, "D");
                break;
            case DateTime dt:
                writer.FormattedString(dt, "O");
                break;
            case DateTimeOffset dto:
                writer.FormattedString(dto, "O");
                break;
            case Enum e:
                writer.String(e.ToString());
                break;
            case byte[] bytes:
                writer.String(LowerHex.ToString(bytes));
                break;
            case IEnumerable sequence and not IFormattable:
                writer.String(JoinItems(sequence));
                break;
            case IFormattable formattable:
                writer.String(formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                writer.String(value.ToString());
                break;
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
    private static ClefWriter? t_renderer;

    /// <summary>Renders a value once, as raw JSON bytes, for fields that never change.</summary>
    public static byte[] Render(object? value)
    {
        // Binding happens per task and per try in hot loops: reuse one writer per thread.
        var writer = t_renderer ??= new ClefWriter(64);
        writer.Reset();
        Write(writer, value);
        return writer.Written.ToArray();
    }
}
