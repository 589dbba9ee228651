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

    /// <summary>
    /// Applies the rules in order, pass after pass, until nothing changes. A rule is run again only
    /// when a key it reads (<see cref="IRule.Reads"/>) was changed by another rule since it last
    /// ran, so the last, confirming pass costs nothing.
    /// </summary>
    /// <returns>Total changes, every distinct conflict, and the number of passes that ran a rule.</returns>
    public RuleOutcome Apply(IReadOnlyList<Record> records)
    {
        long total = 0, clock = 0, anyChange = 0, lastChangeOfAll = 0;
        var lastChange = new Dictionary<string, long>(StringComparer.Ordinal);
        var lastRun = new long[Rules.Count];
        Array.Fill(lastRun, -1);
        var conflicts = new Dictionary<(string, string), Conflict>();
        var iterations = 0;
        var groupings = new RuleGroupings(records);
        bool Stale(int i)
        {
            if (lastRun[i] < 0 || anyChange > lastRun[i])
            {
                return true;
            }
            var reads = Rules[i].Reads;
            return reads is null
                ? lastChangeOfAll > lastRun[i]
                : reads.Any(k => lastChange.GetValueOrDefault(k) > lastRun[i]);
        }
        while (iterations < MaxIterations)
        {
            var ran = false;
            for (var i = 0; i < Rules.Count; i++)
            {
                if (!Stale(i))
                {
                    continue;
                }
                ran = true;
                lastRun[i] = ++clock;
                var outcome = Rules[i] is ImplicationRule implication ? implication.Apply(records, groupings) : Rules[i].Apply(records);
                foreach (var c in outcome.Conflicts)
                {
                    conflicts.TryAdd((c.Rule, c.Group), c);
                }
                if (outcome.Changed == 0)
                {
                    continue;
                }
                total += outcome.Changed;
                lastChangeOfAll = clock;
                groupings.Changed(Rules[i].Writes);
                if (Rules[i].Writes is { } writes)
                {
                    foreach (var k in writes)
                    {
                        lastChange[k] = clock;
                    }
                }
                else
                {
                    anyChange = clock;
                }
            }
            if (!ran)
            {
                break;
            }
            iterations++;
        }
        return new RuleOutcome(total, conflicts.Values.ToList(), iterations);
    }
}
