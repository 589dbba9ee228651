using WideEvents.Web.Data;

namespace WideEvents.Visuals.Tests.Web;

public sealed class HierarchyTests
{
    [Fact]
    public void Trees_keep_only_the_levels_the_records_have()
    {
        List<Record> records =
        [
            TestData.Make(0, "1", "a", ("parsl_dfk", "d"), ("parsl_task_id", "1"), ("parsl_try_id", "0"), ("executor", "htex"), ("manager", "m1")),
            TestData.Make(1, "1", "a", ("parsl_dfk", "d"), ("parsl_task_id", "1"), ("parsl_try_id", "1"), ("executor", "htex"), ("manager", "m2")),
            TestData.Make(2, "1", "a", ("parsl_dfk", "d"), ("parsl_task_id", "2"), ("parsl_try_id", "0")),
        ];

        var trees = Hierarchy.Build(records);

        var tasks = trees.Single(t => t.Name == "tasks");
        Assert.Equal(["parsl_dfk", "parsl_task_id", "parsl_try_id"], tasks.Keys);
        var run = Assert.Single(tasks.Nodes);
        Assert.Equal(3, run.Records);
        Assert.Equal([("1", 2), ("2", 1)], run.Children.Select(c => (c.Value, c.Records)));
        Assert.Equal(["0", "1"], run.Children[0].Children.Select(c => c.Value));
        var resources = trees.Single(t => t.Name == "resources");
        Assert.Equal(["parsl_dfk", "executor", "manager"], resources.Keys);
        Assert.Equal(["m1", "m2"], resources.Nodes[0].Children[0].Children.Select(c => c.Value));
    }

    [Fact]
    public void Past_the_limit_a_level_lists_its_first_values_and_counts_the_rest()
    {
        var records = Enumerable.Range(0, Hierarchy.MaxChildren + 7)
            .Select(i => TestData.Make(i, "1", "a", ("run_id", "r"), ("task_id", i.ToString(System.Globalization.CultureInfo.InvariantCulture))))
            .ToList();

        var run = Assert.Single(Hierarchy.Build(records).Single(t => t.Name == "tasks").Nodes);

        Assert.Equal(Hierarchy.MaxChildren, run.Children.Count);
        Assert.Equal(7, run.Hidden);
        Assert.Equal(["0", "1", "2"], run.Children.Take(3).Select(c => c.Value));
    }

    [Fact]
    public void Records_without_any_hierarchy_key_give_no_tree()
    {
        Assert.Empty(Hierarchy.Build([TestData.Make(0, "1", "a", ("message", "hello"))]));
    }
}
