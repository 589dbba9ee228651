namespace WideEvents.Analyze.Algebra;

/// <summary>
/// A group of records that share the rule's keys but hold different values of the implied key.
/// The rule leaves such a group untouched: an implication is never guessed.
/// </summary>
/// <param name="Rule">The rule, as <c>[k1, k2] =&gt; r</c>.</param>
/// <param name="Group">The group's key values.</param>
/// <param name="Values">The distinct values of the implied key found in the group.</param>
/// <param name="Examples">Up to one example record per value: its source and message.</param>
public sealed record Conflict(string Rule, string Group, IReadOnlyList<string> Values, IReadOnlyList<string> Examples)
{
    /// <summary>A one-line description for people.</summary>
    public override string ToString() =>
        $"{Rule}: group ({Group}) has {Values.Count} values [{string.Join(", ", Values)}]; e.g. {string.Join(" | ", Examples)}";
}
