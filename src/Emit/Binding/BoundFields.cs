using WideEvents.Emit.Formatting;

namespace WideEvents.Emit.Binding;

/// <summary>
/// The pre-rendered fields of a bound logger, handed to the formatter for the duration of one
/// synchronous <c>Log</c> call through a thread-static slot, so nothing is allocated per record.
/// </summary>
internal sealed class BoundFields
{
    [ThreadStatic]
    private static BoundFields? t_current;

    private BoundFields(PrerenderedField[] fields) => Fields = fields;

    public static BoundFields? Current => t_current;

    public PrerenderedField[] Fields { get; }

    public static BoundFields? Enter(BoundFields fields)
    {
        var previous = t_current;
        t_current = fields;
        return previous;
    }

    public static void Exit(BoundFields? previous) => t_current = previous;

    /// <summary>
    /// The parent's fields followed by <paramref name="more"/>; a repeated key takes the newer
    /// value. The parent's fields are reused as rendered, only the new ones are rendered.
    /// </summary>
    public static BoundFields Combine(BoundFields? parent, IEnumerable<KeyValuePair<string, object?>> more)
    {
        // Binding happens per task and per try in hot loops: arrays, no list or closure.
        var inherited = parent?.Fields ?? [];
        var fields = new PrerenderedField[inherited.Length + (more.TryGetNonEnumeratedCount(out var count) ? count : 4)];
        inherited.CopyTo(fields, 0);
        var length = inherited.Length;
        foreach (var (key, value) in more)
        {
            length = Put(ref fields, length, new PrerenderedField(key, value));
        }

        return new BoundFields(length == fields.Length ? fields : fields[..length]);
    }

    /// <summary>The parent's fields and one more, as <see cref="Combine(BoundFields?, IEnumerable{KeyValuePair{string, object?}})"/>.</summary>
    public static BoundFields Combine(BoundFields? parent, string key, object? value)
    {
        var inherited = parent?.Fields ?? [];
        var fields = new PrerenderedField[inherited.Length + 1];
        inherited.CopyTo(fields, 0);
        var length = Put(ref fields, inherited.Length, new PrerenderedField(key, value));
        return new BoundFields(length == fields.Length ? fields : fields[..length]);
    }

    private static int Put(ref PrerenderedField[] fields, int length, PrerenderedField field)
    {
        for (var i = 0; i < length; i++)
        {
            if (fields[i].Key == field.Key)
            {
                fields[i] = field;
                return length;
            }
        }

        if (length == fields.Length)
        {
            Array.Resize(ref fields, Math.Max(4, fields.Length * 2));
        }

        fields[length] = field;
        return length + 1;
    }
}
