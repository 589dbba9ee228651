using WideEvents.Analyze.Algebra;
using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Tests.Algebra;

public class ImplicationRuleTests
{
    private static Record R(params (string Key, Value Value)[] props)
    {
        var r = new Record("test");
        foreach (var (k, v) in props)
        {
            r.Set(k, v);
        }
        return r;
    }

    [Fact]
    public void The_one_value_of_a_group_goes_onto_every_record_of_the_group()
    {
        var records = new[]
        {
            R(("dfk", "d"), ("exec", "1"), ("task", 10)),
            R(("dfk", "d"), ("exec", 1)),
            R(("dfk", "d"), ("exec", "01")),
            R(("dfk", "d"), ("exec", 2)),
            R(("exec", 1)),
        };

        var outcome = new ImplicationRule(["dfk", "exec"], "task").Apply(records);

        Assert.Equal(2, outcome.Changed);
        Assert.Empty(outcome.Conflicts);
        Assert.Equal(10, records[1]["task"].AsLong);
        Assert.Equal(10, records[2]["task"].AsLong);
        Assert.False(records[3].Has("task"));
        Assert.False(records[4].Has("task"));
    }

    [Fact]
    public void Two_values_in_a_group_are_a_conflict_with_examples_and_nothing_is_guessed()
    {
        var records = new[]
        {
            R(("exec", 1), ("task", 10), ("msg", "first")),
            R(("exec", 1), ("task", 11), ("msg", "second")),
            R(("exec", 1)),
        };

        var outcome = new ImplicationRule(["exec"], "task").Apply(records);

        var conflict = Assert.Single(outcome.Conflicts);
        Assert.Equal("[exec] => task", conflict.Rule);
        Assert.Equal("1", conflict.Group);
        Assert.Equal(["10", "11"], conflict.Values);
        Assert.Equal(["test: first", "test: second"], conflict.Examples);
        Assert.False(records[2].Has("task"));
        Assert.Equal(0, outcome.Changed);
    }

    [Fact]
    public void A_rule_set_iterates_to_a_fixpoint_whatever_the_rule_order()
    {
        // wq id => executor id is needed before executor id => task id can fire; the rules are written backwards.
        var records = new[]
        {
            R(("executor_id", 5), ("task_id", 3)),
            R(("executor_id", 5), ("wq_task_id", 70)),
            R(("wq_task_id", 70), ("wq_task_state", "RUNNING")),
        };
        var rules = new RuleSet([new ImplicationRule(["executor_id"], "task_id"), new ImplicationRule(["wq_task_id"], "executor_id")]);

        var outcome = rules.Apply(records);

        Assert.Equal(2, outcome.Iterations);
        Assert.Equal(3, outcome.Changed);
        Assert.All(records, r => Assert.Equal(3, r["task_id"].AsLong));
        Assert.Equal(1, new RuleSet([new ImplicationRule(["executor_id"], "task_id")]).Apply(records).Iterations);
    }

    [Fact]
    public void Conflicts_found_in_several_passes_are_reported_once()
    {
        var records = new[] { R(("k", 1), ("v", 1)), R(("k", 1), ("v", 2)), R(("a", 1), ("k", 1)), R(("a", 1)) };
        var outcome = new RuleSet([new ImplicationRule(["k"], "v"), new ImplicationRule(["a"], "k")]).Apply(records);
        Assert.Single(outcome.Conflicts);
        Assert.Equal(2, outcome.Iterations);
    }

    [Fact]
    public void A_rule_runs_again_only_when_a_key_it_reads_has_changed()
    {
        var records = new[] { R(("a", 1), ("b", 2)), R(("a", 1)), R(("c", 3)) };
        var independent = new CountingRule(["c"]);
        var dependent = new CountingRule(["b"]);
        var rules = new RuleSet([dependent, independent, new ImplicationRule(["a"], "b")]);

        var outcome = rules.Apply(records);

        Assert.Equal(1, outcome.Changed);
        Assert.Equal(1, independent.Runs);
        Assert.Equal(2, dependent.Runs);
        Assert.Equal(2, records[1]["b"].AsLong);
    }

    private sealed class CountingRule(IReadOnlyCollection<string> reads) : IRule
    {
        public int Runs { get; private set; }

        public IReadOnlyCollection<string> Reads => reads;

        public IReadOnlyCollection<string> Writes => [];

        public RuleOutcome Apply(IReadOnlyList<Record> records)
        {
            Runs++;
            return new RuleOutcome(0, []);
        }
    }
}
