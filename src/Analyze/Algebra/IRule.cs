using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Algebra;

/// <summary>A rewrite of records in place, applied by a <see cref="RuleSet"/> until nothing changes.</summary>
public interface IRule
{
    /// <summary>Applies the rule once to every record.</summary>
    /// <returns>How many properties were set, and the conflicts found.</returns>
    RuleOutcome Apply(IReadOnlyList<Record> records);

    /// <summary>The keys whose values the rule depends on; null means any key.</summary>
    IReadOnlyCollection<string>? Reads => null;

    /// <summary>The keys the rule may change; null means any key.</summary>
    IReadOnlyCollection<string>? Writes => null;
}
