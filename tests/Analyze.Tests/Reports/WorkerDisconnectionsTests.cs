using WideEvents.Analyze.Loaders;
using WideEvents.Analyze.Reports;

namespace WideEvents.Analyze.Tests.Reports;

public sealed class WorkerDisconnectionsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wide-worker-lost-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>
    /// The real Debian transaction log cut where task 1 starts running (tasks 1 and 3 then run on
    /// the only worker), followed by that worker's real DISCONNECTION line: the worker leaves
    /// while they run. No real log at hand has a worker lost mid-task, so this is the nearest.
    /// </summary>
    private string WorkerLostWhileTasks1And3Run()
    {
        var lines = File.ReadAllLines(Path.Combine(RealLogs.Dir("workqueue-generated-debian-cctools"), "transaction_log"));
        var start = Array.FindIndex(lines, l => l.Contains(" TASK 1 RUNNING ", StringComparison.Ordinal));
        var disconnection = Array.Find(lines, l => l.Contains(" DISCONNECTION ", StringComparison.Ordinal) && !l.StartsWith('#'))!;
        var path = Path.Combine(_dir, "transaction_log");
        File.WriteAllLines(path, [.. lines[..(start + 1)], disconnection]);
        return path;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_workers_disconnection_is_in_the_flow_of_the_tasks_it_was_running(bool workQueueRules)
    {
        var records = RecordLoader.Load(WorkerLostWhileTasks1And3Run()).Records;
        if (workQueueRules)
        {
            WideEvents.Analyze.Algebra.RuleSet.Load(Path.Combine(AppContext.BaseDirectory, "Rules", "workqueue.rules.json")).Apply(records);
        }

        static bool Disconnection(FlowLine l) => l.Record["wq_event"].ToString() == "DISCONNECTION";
        var running = new[] { "1", "3" }.Select(id => FlowReport.ByRun(records, EntitySpec.Parse("wq_task_id=" + id)).Single().Lines).ToList();
        var finished = FlowReport.ByRun(records, EntitySpec.Parse("wq_task_id=8")).Single().Lines;

        Assert.All(running, lines => Assert.True(Disconnection(lines[^1]), lines[^1].Message));
        Assert.DoesNotContain(finished, Disconnection);
    }
}
