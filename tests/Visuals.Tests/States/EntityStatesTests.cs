using WideEvents.Analyze.Visuals.States;

namespace WideEvents.Visuals.Tests.States;

public sealed class EntityStatesTests
{
    [Fact]
    public void Intervals_follow_the_lifecycle_and_only_unfinished_entities_stay_open_to_the_end()
    {
        List<Record> records =
        [
            TestData.Make(0, "1", "submit", ("run_id", "R"), ("task_id", "1"), ("message", "Task 1: changing state from unsched to pending")),
            TestData.Make(1, "1", "submit", ("run_id", "R"), ("task_id", "1"), ("message", "Task 1: changing state from pending to launched")),
            // A late "pending" (another thread of the same log): ignored, not a step backwards.
            TestData.Make(1.5, "2", "submit", ("run_id", "R"), ("task_id", "1"), ("message", "Task 1: changing state from unsched to pending")),
            TestData.Make(3, "1", "submit", ("run_id", "R"), ("task_id", "1"), ("message", "Task 1: changing state from launched to exec_done")),
            TestData.Make(2, "1", "submit", ("run_id", "R"), ("task_id", "2"), ("message", "Task 2: changing state from unsched to pending")),
            TestData.Make(10, "1", "submit", ("message", "the end of the data")),
        ];

        var histories = EntityStates.Build(records);

        Assert.Equal(2, histories.Count);
        var one = histories[0];
        Assert.Equal([new("run_id", "R"), new("task_id", "1")], one.Keys);
        Assert.Equal(1, one.IgnoredEvents);
        Assert.Equal(
            [("pending", 0.0, 1.0, false, false), ("launched", 1.0, 3.0, false, false), ("exec_done", 3.0, 3.0, true, false)],
            one.Intervals.Select(i => (i.State, i.Start - TestData.T0, i.End - TestData.T0, i.IsFinal, i.IsOpen)));
        Assert.Equal(3.0, one.Duration, 9);
        var two = histories[1];
        Assert.Equal(("pending", 2.0, 10.0, false, true), (two.FinalState, two.Start - TestData.T0, two.End - TestData.T0, two.Intervals[0].IsFinal, two.Intervals[0].IsOpen));
        Assert.Equal("task_id=2", two.ShortLabel);
    }
}
