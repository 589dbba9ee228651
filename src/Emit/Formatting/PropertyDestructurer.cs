using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using WideEvents.Contracts.Records;

namespace WideEvents.Emit.Formatting;

/// <summary>
/// <c>{@X}</c> in a template, as Serilog's destructuring operator but within the flat record
/// contract: an object's public readable instance properties become keys <c>X.Property</c>
/// (nested objects <c>X.Property.Inner</c>, down to <see cref="MaxDepth"/> levels), each value
/// written as any property value is. Scalars, strings and collections are written as they would
/// be without the operator, since a record holds no arrays.
/// </summary>
internal static class PropertyDestructurer
{
    /// <summary>Levels of nesting taken apart; deeper objects are written as their <c>ToString()</c>.</summary>
    public const int MaxDepth = 4;

    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> PropertiesByType = new();

    public static void Write(ClefWriter writer, string key, object? value, ref WrittenKeys keys) => Write(writer, key, value, ref keys, 0);

    /// <summary>Whether the value is written whole even under <c>{@X}</c>.</summary>
    public static bool IsScalar(object value) =>
        value is string or IEnumerable or IFormattable or Enum or bool or Guid or Uri or Type or Delegate
        || value.GetType().IsPrimitive;

    private static void Write(ClefWriter writer, string key, object? value, ref WrittenKeys keys, int depth)
    {
        if (value is null || depth == MaxDepth || IsScalar(value))
        {
            if (keys.TryAdd(key))
            {
                writer.Name(ClefNames.Of(key));
                PropertyValueWriter.Write(writer, value);
            }

            return;
        }

        foreach (PropertyInfo property in PropertiesByType.GetOrAdd(value.GetType(), Readable))
        {
            object? inner;
            try
            {
                inner = property.GetValue(value);
            }
            catch (TargetInvocationException e)
            {
                // As Serilog does: the record says the getter threw instead of losing the call.
                inner = $"The property accessor threw an exception: {e.InnerException?.GetType().Name}";
            }

            Write(writer, key + "." + property.Name, inner, ref keys, depth + 1);
        }
    }

    // A trimmed application keeps the properties it uses; one it never reads in code may be gone,
    // and the destructured record then lacks that field (docs/emit.md says so).
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "Destructuring shows what the application kept; a property trimmed away is not rendered.")]
    private static PropertyInfo[] Readable(Type type) =>
        [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetMethod!.IsPublic && p.GetIndexParameters().Length == 0)];
}
