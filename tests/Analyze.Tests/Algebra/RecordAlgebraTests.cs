using WideEvents.Analyze.Algebra;
using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Tests.Algebra;

public class RecordAlgebraTests
{
    private static List<Record> Records()
    {
        var a = new Record("a");
        a.Set("id", "03");
        a.Set("name", "x");
        var b = new Record("b");
        b.Set("id", 3);
        var c = new Record("c");
        c.Set("other", 1);
        return [a, b, c];
    }

    [Fact]
    public void Widen_relabel_and_rewrite_change_records_in_place()
    {
        var records = Records();
        records.Widen("run", "r1").Relabel("name", "label").Rewrite("id", v => v.Canonical());

        Assert.All(records, r => Assert.Equal("r1", r["run"].AsString));
        Assert.Equal("x", records[0]["label"].AsString);
        Assert.False(records[0].Has("name"));
        Assert.Equal(ValueKind.Long, records[0]["id"].Kind);
        Assert.Equal(3, records[0]["id"].AsLong);
    }

    [Fact]
    public void Join_and_group_compare_canonical_values()
    {
        var records = Records();
        var right = new Record("r");
        right.Set("id", "3");
        right.Set("task", "t");

        var pairs = records.Join([right], "id").ToList();
        var groups = records.GroupByKeys("id").ToList();

        Assert.Equal(2, pairs.Count);
        Assert.All(pairs, p => Assert.Same(right, p.Right));
        Assert.Single(groups);
        Assert.Equal(2, groups[0].Records.Count);
        Assert.Equal(2, records.WhereKey("id", 3).Count());
    }

    [Fact]
    public void Rule_files_parse_every_rule_kind_and_reject_bad_ones()
    {
        var rules = RuleSet.Parse("""
            { "description": "d", "rules": [
              // comments are allowed
              { "keys": ["a", "b"], "implies": ["c", "d"] },
              { "copy": "x", "to": "y", "where": ["z"] },
              { "rename": "p", "to": "q" },
              { "widen": "w", "value": 5 },
              { "normalize": ["id"] }
            ] }
            """);
        Assert.Equal("d", rules.Description);
        Assert.Equal(6, rules.Rules.Count);
        Assert.Equal("[a, b] => d", rules.Rules[1].ToString());

        Assert.Contains("rule 0", Assert.Throws<InvalidDataException>(() => RuleSet.Parse("""{ "rules": [ { "bogus": 1 } ] }""")).Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => RuleSet.Parse("""{ "rules": [ { "keys": [], "implies": "x" } ] }"""));
        Assert.Throws<InvalidDataException>(() => RuleSet.Parse("not json"));
        Assert.Throws<InvalidDataException>(() => RuleSet.Parse("""{ "nope": [] }"""));
    }
}
