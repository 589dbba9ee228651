using System.Runtime.CompilerServices;
using System.Text.Json;

namespace WideEvents.Emit.Formatting;

/// <summary>
/// Writes a value of a known type without boxing it: each instantiation for a value type is
/// its own compiled code, in which the type tests below are constants and fold away. Types not
/// listed go through <see cref="PropertyValueWriter"/> (boxed, as Microsoft.Extensions.Logging
/// would have boxed them anyway).
/// </summary>
internal static class TypedValueWriter
{
    public static void Write<T>(Utf8JsonWriter writer, T value)
    {
        if (typeof(T) == typeof(int))
        {
            writer.WriteNumberValue(Unsafe.As<T, int>(ref value));
        }
        else if (typeof(T) == typeof(long))
        {
            writer.WriteNumberValue(Unsafe.As<T, long>(ref value));
        }
        else if (typeof(T) == typeof(bool))
        {
            writer.WriteBooleanValue(Unsafe.As<T, bool>(ref value));
        }
        else if (typeof(T) == typeof(double))
        {
            PropertyValueWriter.WriteDouble(writer, Unsafe.As<T, double>(ref value));
        }
        else if (typeof(T) == typeof(Guid))
        {
            PropertyValueWriter.WriteGuid(writer, Unsafe.As<T, Guid>(ref value));
        }
        else if (typeof(T) == typeof(int?))
        {
            WriteNullable(writer, Unsafe.As<T, int?>(ref value));
        }
        else if (typeof(T) == typeof(long?))
        {
            WriteNullable(writer, Unsafe.As<T, long?>(ref value));
        }
        else if (typeof(T) == typeof(bool?))
        {
            var b = Unsafe.As<T, bool?>(ref value);
            if (b is { } v)
            {
                writer.WriteBooleanValue(v);
            }
            else
            {
                writer.WriteNullValue();
            }
        }
        else
        {
            // Reference types are not boxed by this cast; other value types are, rarely.
            PropertyValueWriter.Write(writer, value);
        }
    }

    private static void WriteNullable(Utf8JsonWriter writer, long? value)
    {
        if (value is { } v)
        {
            writer.WriteNumberValue(v);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
