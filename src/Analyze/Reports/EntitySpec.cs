using WideEvents.Analyze.Algebra;
using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Reports;

/// <summary>An entity named by key/value pairs, e.g. <c>parsl_task_id=358</c> or <c>run=r1,task_id=3</c>.</summary>
public sealed class EntitySpec
{
    /// <summary>An entity from explicit pairs.</summary>
    public EntitySpec(IReadOnlyList<KeyValuePair<string, Value>> pairs)
    {
        if (pairs.Count == 0)
        {
            throw new ArgumentException("An entity needs at least one key=value pair.", nameof(pairs));
        }
        Pairs = pairs;
    }

    /// <summary>The pairs every record of the entity matches (canonical comparison).</summary>
    public IReadOnlyList<KeyValuePair<string, Value>> Pairs { get; }

    /// <summary>Parses <c>key=value[,key=value...]</c>.</summary>
    /// <exception cref="FormatException">The text is not of that form.</exception>
    public static EntitySpec Parse(string text)
    {
        var pairs = new List<KeyValuePair<string, Value>>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0)
            {
                throw new FormatException($"Expected key=value, got '{part}'.");
            }
            pairs.Add(new(part[..eq].Trim(), Value.From(part[(eq + 1)..].Trim())));
        }
        return new EntitySpec(pairs.Count > 0 ? pairs : throw new FormatException("Expected key=value."));
    }

    /// <summary>True when <paramref name="record"/> has every pair.</summary>
    public bool Matches(Record record)
    {
        foreach (var (k, v) in Pairs)
        {
            if (!record.TryGet(k, out var have) || !have.Canonical().Equals(v.Canonical()))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The pairs as <c>k=v,k=v</c>.</summary>
    public override string ToString() => string.Join(",", Pairs.Select(p => $"{p.Key}={p.Value}"));

    internal IEnumerable<Record> Select(IEnumerable<Record> records) => Pairs.Count == 1
        ? records.WhereKey(Pairs[0].Key, Pairs[0].Value)
        : records.Where(Matches);
}
