using WideEvents.Analyze.Algebra;
using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Tests.Algebra;

public class RuleSetTests
{
    [Fact]
    public void An_implication_after_a_rule_that_changed_its_keys_groups_the_records_again()
    {
        // Rules 1 and 3 group on the same key; rule 2 gives the second record that key in between,
        // so rule 3 must not reuse rule 1's groups (the record was in none of them).
        var known = new Record("a");
        known.Set("k", 1);
        known.Set("x", "X1");
        known.Set("y", "Y1");
        var late = new Record("b");
        late.Set("src", "1");
        var rules = new RuleSet([
            new ImplicationRule(["k"], "x"),
            new RelabelRule("src", "k"),
            new ImplicationRule(["k"], "y"),
        ]);

        var outcome = rules.Apply([known, late]);

        Assert.Equal("1", late["k"].AsString);
        Assert.Equal("Y1", late["y"].AsString);
        Assert.Equal("X1", late["x"].AsString);
        Assert.Equal(3, outcome.Changed);
        Assert.Empty(outcome.Conflicts);
    }

    [Fact]
    public void Two_implications_on_the_same_keys_each_fill_their_own_key_and_report_their_own_conflicts()
    {
        var records = new List<Record>();
        foreach (var (id, task, attempt) in new[] { ("e1", 10L, 0L), ("e1", 11L, 0L), ("e2", 20L, 1L) })
        {
            var r = new Record("s");
            r.Set("exec", id);
            r.Set("task", task);
            r.Set("try", attempt);
            records.Add(r);
        }
        var bare = new Record("s");
        bare.Set("exec", "E2");   // canonical forms: not a UUID, so case matters and this is its own group
        records.Add(bare);
        var e2 = new Record("s");
        e2.Set("exec", "e2");
        records.Add(e2);
        var rules = new RuleSet([new ImplicationRule(["exec"], "task"), new ImplicationRule(["exec"], "try")]);

        var outcome = rules.Apply(records);

        var conflict = Assert.Single(outcome.Conflicts);
        Assert.Equal("[exec] => task", conflict.Rule);
        Assert.Equal("e1", conflict.Group);
        Assert.Equal(20, e2["task"].AsLong);
        Assert.Equal(1, e2["try"].AsLong);
        Assert.False(bare.Has("task"));
        Assert.Equal(2, outcome.Changed);
    }
}
