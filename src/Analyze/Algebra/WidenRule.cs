using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Algebra;

/// <summary>Widen by constant: sets <see cref="Key"/> to <see cref="Value"/> on records lacking it (optionally only where other keys are present).</summary>
public sealed class WidenRule : IRule
{
    /// <summary>A widening rule.</summary>
    /// <param name="key">The key to add.</param>
    /// <param name="value">Its value.</param>
    /// <param name="where">Keys a record must have to be widened; empty means every record.</param>
    public WidenRule(string key, Value value, IReadOnlyList<string>? where = null)
    {
        Key = key;
        Value = value;
        Where = where ?? [];
    }

    /// <summary>The key added.</summary>
    public string Key { get; }

    /// <summary>The value added.</summary>
    public Value Value { get; }

    /// <summary>Keys a record must have to be widened.</summary>
    public IReadOnlyList<string> Where { get; }

    /// <inheritdoc />
    public IReadOnlyCollection<string> Reads => [Key, .. Where];

    /// <inheritdoc />
    public IReadOnlyCollection<string> Writes => [Key];

    /// <inheritdoc />
    public RuleOutcome Apply(IReadOnlyList<Record> records)
    {
        long changed = 0;
        foreach (var r in records)
        {
            if (!r.Has(Key) && RelabelRule.HasAll(r, Where))
            {
                r.Set(Key, Value);
                changed++;
            }
        }
        return new RuleOutcome(changed, []);
    }

    /// <inheritdoc />
    public override string ToString() => $"widen {Key} = {Value}";
}
