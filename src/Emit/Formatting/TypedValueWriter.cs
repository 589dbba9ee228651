using System.Runtime.CompilerServices;
using WideEvents.Contracts.Records;

namespace WideEvents.Emit.Formatting;

/// <summary>
/// Writes a value of a known type without boxing it: each instantiation for a value type is
/// its own compiled code, in which the type tests below are constants and fold away. Types not
/// listed go through <see cref="PropertyValueWriter"/> (boxed, as Microsoft.Extensions.Logging
/// would have boxed them anyway).
/// </summary>
internal static class TypedValueWriter
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Write<T>(ClefWriter writer, T value)
    {
        if (typeof(T) == typeof(int))
        {
            writer.Number(Unsafe.As<T, int>(ref value));
        }
        else if (typeof(T) == typeof(long))
        {
            writer.Number(Unsafe.As<T, long>(ref value));
        }
        else if (typeof(T) == typeof(bool))
        {
            writer.Bool(Unsafe.As<T, bool>(ref value));
        }
        else if (typeof(T) == typeof(double))
        {
            writer.Number(Unsafe.As<T, double>(ref value));
        }
        else if (typeof(T) == typeof(string))
        {
            writer.String(Unsafe.As<T, string?>(ref value));
        }
        else if (typeof(T) == typeof(Guid))
        {
            writer.FormattedString(Unsafe.As<T, Guid>(ref value), "D");
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
                writer.Bool(v);
            }
            else
            {
                writer.Null();
            }
        }
        else
        {
            // Reference types are not boxed by this cast; other value types are, rarely.
            PropertyValueWriter.Write(writer, value);
        }
    }

    private static void WriteNullable(ClefWriter writer, long? value)
    {
        if (value is { } v)
        {
            writer.Number(v);
        }
        else
        {
            writer.Null();
        }
    }
}
