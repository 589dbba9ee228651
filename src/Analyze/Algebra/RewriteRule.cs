using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Algebra;

/// <summary>Rewrites the values of <see cref="Key"/> by a function (normalisation, unit changes, parsing).</summary>
public sealed class RewriteRule : IRule
{
    private readonly Func<Value, Value> _rewrite;
    private readonly string _name;

    /// <summary>A rewrite rule.</summary>
    /// <param name="key">The key whose values are rewritten.</param>
    /// <param name="rewrite">The function; returning an equal value counts as no change.</param>
    /// <param name="name">A name for messages.</param>
    public RewriteRule(string key, Func<Value, Value> rewrite, string name = "rewrite")
    {
        Key = key;
        _rewrite = rewrite;
        _name = name;
    }

    /// <summary>A rule that puts values of <paramref name="key"/> in canonical form (<see cref="Value.Canonical"/>).</summary>
    public static RewriteRule Normalize(string key) => new(key, v => v.Canonical(), "normalize");

    /// <summary>The key whose values are rewritten.</summary>
    public string Key { get; }

    /// <inheritdoc />
    public IReadOnlyCollection<string> Reads => [Key];

    /// <inheritdoc />
    public IReadOnlyCollection<string> Writes => [Key];

    /// <inheritdoc />
    public RuleOutcome Apply(IReadOnlyList<Record> records)
    {
        long changed = 0;
        foreach (var r in records)
        {
            if (r.TryGet(Key, out var v))
            {
                var n = _rewrite(v);
                if (!n.Equals(v))
                {
                    r.Set(Key, n);
                    changed++;
                }
            }
        }
        return new RuleOutcome(changed, []);
    }

    /// <inheritdoc />
    public override string ToString() => $"{_name} {Key}";
}
