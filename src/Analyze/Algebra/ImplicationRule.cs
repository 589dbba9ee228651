using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Algebra;

/// <summary>
/// Keys imply key (<c>[l1, l2] =&gt; r</c>): within each group of records sharing the values of
/// <see cref="Keys"/>, the one value of <see cref="Implied"/> is put on every record of the group
/// that lacks it. Values are compared in canonical form (<see cref="Value.Canonical"/>). Two
/// different values make a <see cref="Conflict"/> and the group is left unchanged.
/// </summary>
public sealed class ImplicationRule : IRule
{
    /// <summary>A rule <c>keys =&gt; implied</c>.</summary>
    public ImplicationRule(IReadOnlyList<string> keys, string implied)
    {
        if (keys.Count == 0)
        {
            throw new ArgumentException("An implication needs at least one key.", nameof(keys));
        }
        Keys = keys;
        Implied = implied;
    }

    /// <summary>The grouping keys.</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary>The key whose value the group shares.</summary>
    public string Implied { get; }

    /// <inheritdoc />
    public IReadOnlyCollection<string> Reads => [.. Keys, Implied];

    /// <inheritdoc />
    public IReadOnlyCollection<string> Writes => [Implied];

    /// <inheritdoc />
    public RuleOutcome Apply(IReadOnlyList<Record> records)
    {
        if (Keys.Count <= ColumnImplication.MaxKeys)
        {
            return new ColumnImplication(this, null).Apply(records);
        }
        var groups = new Dictionary<GroupKey, Group>();
        var scratch = new Value[Keys.Count];
        foreach (var r in records)
        {
            if (!GroupKey.TryCreate(r, Keys, scratch, out var key))
            {
                continue;
            }
            if (!groups.TryGetValue(key, out var g))
            {
                groups[key.Copy()] = g = new Group();
            }
            if (r.TryGet(Implied, out var v) && !v.IsNull)
            {
                g.Add(v, r);
            }
            else
            {
                (g.Missing ??= []).Add(r);
            }
        }
        long changed = 0;
        var conflicts = new List<Conflict>();
        foreach (var (key, g) in groups)
        {
            if (g.Values is { Count: > 1 })
            {
                conflicts.Add(new Conflict(ToString(), key.ToString(),
                    g.Values.Select(v => v.Raw.ToString()).ToList(),
                    g.Values.Select(v => $"{v.Example.Source}: {v.Example.Message()}").ToList()));
                continue;
            }
            if (g.Values is { Count: 1 } && g.Missing is not null)
            {
                foreach (var r in g.Missing)
                {
                    r.Set(Implied, g.Values[0].Raw);
                    changed++;
                }
            }
        }
        return new RuleOutcome(changed, conflicts);
    }

    /// <summary>As <see cref="Apply(IReadOnlyList{Record})"/>, reusing a rule set run's canonical ids and groupings.</summary>
    internal RuleOutcome Apply(IReadOnlyList<Record> records, RuleGroupings groupings) =>
        Keys.Count <= ColumnImplication.MaxKeys ? new ColumnImplication(this, groupings).Apply(records) : Apply(records);

    /// <summary>The rule as <c>[k1, k2] =&gt; r</c>.</summary>
    public override string ToString() => $"[{string.Join(", ", Keys)}] => {Implied}";

    private sealed class Group
    {
        public List<(Value Canonical, Value Raw, Record Example)>? Values;
        public List<Record>? Missing;

        public void Add(Value raw, Record r)
        {
            var c = raw.Canonical();
            Values ??= [];
            foreach (var v in Values)
            {
                if (v.Canonical.Equals(c))
                {
                    return;
                }
            }
            Values.Add((c, raw, r));
        }
    }
}
