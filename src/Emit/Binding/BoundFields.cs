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
        var fields = new List<PrerenderedField>(parent?.Fields ?? []);
        foreach (var (key, value) in more)
        {
            var field = new PrerenderedField(key, value);
            var existing = fields.FindIndex(f => f.Key == key);
            if (existing >= 0)
            {
                fields[existing] = field;
            }
            else
            {
                fields.Add(field);
            }
        }

        return new BoundFields([.. fields]);
    }
}
