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

    public BoundFields(PrerenderedField[] fields, IReadOnlyList<KeyValuePair<string, object?>> pairs)
    {
        Fields = fields;
        Pairs = pairs;
    }

    public static BoundFields? Current => t_current;

    public PrerenderedField[] Fields { get; }

    /// <summary>The same fields as plain pairs, for loggers other than WideEvents' own.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Pairs { get; }

    public static BoundFields? Enter(BoundFields fields)
    {
        var previous = t_current;
        t_current = fields;
        return previous;
    }

    public static void Exit(BoundFields? previous) => t_current = previous;

    /// <summary>These fields followed by <paramref name="more"/>; a later key replaces an earlier one.</summary>
    public static BoundFields Combine(BoundFields? parent, IEnumerable<KeyValuePair<string, object?>> more)
    {
        var pairs = new List<KeyValuePair<string, object?>>(parent?.Pairs ?? []);
        foreach (var pair in more)
        {
            var existing = pairs.FindIndex(p => p.Key == pair.Key);
            if (existing >= 0)
            {
                pairs[existing] = pair;
            }
            else
            {
                pairs.Add(pair);
            }
        }

        var fields = pairs.Select(p => new PrerenderedField(p.Key, p.Value)).ToArray();
        return new BoundFields(fields, pairs);
    }
}
