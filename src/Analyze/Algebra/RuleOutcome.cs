namespace WideEvents.Analyze.Algebra;

/// <summary>The result of applying rules.</summary>
/// <param name="Changed">Properties set or renamed.</param>
/// <param name="Conflicts">Groups where a rule found more than one value and set nothing.</param>
/// <param name="Iterations">Passes over the rule set (1 for a single rule).</param>
public sealed record RuleOutcome(long Changed, IReadOnlyList<Conflict> Conflicts, int Iterations = 1);
