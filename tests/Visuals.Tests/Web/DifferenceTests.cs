using WideEvents.Web.Data;

namespace WideEvents.Visuals.Tests.Web;

public sealed class DifferenceTests
{
    /// <summary>20 tasks; the two slowest ran on manager m2, every other on m1; colour alternates regardless of speed.</summary>
    private static List<Record> Tasks()
    {
        var records = new List<Record>();
        for (var i = 0; i < 20; i++)
        {
            var slow = i >= 18;
            var run = slow ? 10.0 : 1.0 + i * 0.01;
            Record Task(double at, params (string, string)[] more) =>
                TestData.Make(at, "1", "submit", [("parsl_dfk", "d"), ("parsl_task_id", i.ToString(System.Globalization.CultureInfo.InvariantCulture)), .. more]);
            records.Add(Task(i, ("message", $"Task {i} initializing state to pending")));
            records.Add(Task(i + 1, ("message", $"Task {i} changing state from pending to running")));
            records.Add(Task(i + 1.1, ("manager", slow ? "m2" : "m1"), ("colour", i % 2 == 0 ? "red" : "blue"), ("exec_task_id", (100 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)), ("message", "worker got it")));
            records.Add(Task(i + 1 + run, ("message", $"Task {i} changing state from running to exec_done")));
        }
        return records;
    }

    [Fact]
    public void The_field_that_separates_the_slowest_ranks_first_and_an_unrelated_one_scores_low()
    {
        var store = new RecordStore(Tasks());
        var snapshot = store.Snapshot();
        var slowest = snapshot.Entities.OrderByDescending(h => h.Duration).Take(2).Select(Snapshot.Id).ToHashSet();

        var fields = Difference.Rank(snapshot, slowest);

        var manager = fields.Single(f => f.Field == "manager");
        Assert.Equal(1.0, manager.Distance, 9);
        // Two selected entities weigh 2 / (2 + 5) of the distance.
        Assert.Equal(2.0 / 7, manager.Score, 9);
        Assert.Contains(fields.Take(3), f => f.Field == "manager");
        var m2 = manager.Values.Single(v => v.Value == "m2");
        Assert.Equal((1.0, 0.0, 2, 0), (m2.Selected, m2.Rest, m2.SelectedEntities, m2.RestEntities));
        Assert.True(fields.Single(f => f.Field == "colour").Distance < 0.2);
        // Identifiers name entities rather than describe them, so they are not ranked.
        Assert.DoesNotContain(fields, f => f.Field is "parsl_task_id" or "message" or "exec_task_id");
    }

    [Fact]
    public void One_failed_task_among_many_scores_low_ranks_its_real_difference_first_and_not_its_state()
    {
        var records = TestData.FarmRun(300, failedTasks: [17]);
        var snapshot = new RecordStore(records).Snapshot();
        var failed = snapshot.Entities.Where(h => h.FinalState == "failed").Select(Snapshot.Id).ToHashSet();
        Assert.Single(failed);

        var fields = Difference.Rank(snapshot, failed, new HashSet<string> { "failed" });

        // Alone, the failed task shows little: at most 1 / (1 + 5), however unusual its values.
        Assert.All(fields, f => Assert.InRange(f.Score, 0, 1.0 / 6 + 1e-9));
        var first = fields[0];
        Assert.Equal("exit_code", first.Field);
        var one = first.Values.Single(v => v.Value == "1");
        Assert.Equal((1, 0), (one.SelectedEntities, one.RestEntities));
        // Selected by its final state: that state differs by construction, so it is no finding.
        Assert.DoesNotContain(fields, f => f.Field == "final_state" || f.Values.Any(v => v.Value == "failed"));
    }

    [Fact]
    public void An_empty_selection_gives_nothing_to_compare()
    {
        var snapshot = new RecordStore(Tasks()).Snapshot();

        Assert.Empty(Difference.Rank(snapshot, new HashSet<string>()));
    }
}
