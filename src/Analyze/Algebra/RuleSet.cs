using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Algebra;

/// <summary>
/// An ordered set of rules applied repeatedly until a whole pass changes nothing (a fixpoint), so
/// that chains such as <c>wq_task_id =&gt; parsl_executor_id =&gt; parsl_task_id</c> complete whatever
/// order the rules are written in.
/// </summary>
public sealed class RuleSet
{
    /// <summary>A rule set.</summary>
    public RuleSet(IEnumerable<IRule> rules, string? description = null)
    {
        Rules = rules.ToList();
        Description = description;
    }

    /// <summary>The rules, in application order.</summary>
    public IReadOnlyList<IRule> Rules { get; }

    /// <summary>What the rule set is for, from the file's <c>description</c>.</summary>
    public string? Description { get; }

    /// <summary>Passes after which <see cref="Apply"/> gives up if values keep changing. Default 100.</summary>
    public int MaxIterations { get; init; } = 100;

    /// <summary>Reads a rule file (format in docs/analyze.md).</summary>
    /// <exception cref="InvalidDataException">The file is not a valid rule file.</exception>
    public static RuleSet Load(string path) => RuleFile.Parse(File.ReadAllText(path), path);

    /// <summary>Parses rule-file JSON.</summary>
    /// <exception cref="InvalidDataException">The text is not a valid rule file.</exception>
    public static RuleSet Parse(string json) => RuleFile.Parse(json, "rules");

    /// <summary>Applies every rule, in order, until a pass changes nothing.</summary>
    /// <returns>Total changes, every distinct conflict, and the number of passes.</returns>
    public RuleOutcome Apply(IReadOnlyList<Record> records)
    {
        long total = 0;
        var conflicts = new Dictionary<(string, string), Conflict>();
        var iterations = 0;
        while (iterations < MaxIterations)
        {
            iterations++;
            long pass = 0;
            foreach (var rule in Rules)
            {
                var outcome = rule.Apply(records);
                pass += outcome.Changed;
                foreach (var c in outcome.Conflicts)
                {
                    conflicts.TryAdd((c.Rule, c.Group), c);
                }
            }
            total += pass;
            if (pass == 0)
            {
                break;
            }
        }
        return new RuleOutcome(total, conflicts.Values.ToList(), iterations);
    }
}
