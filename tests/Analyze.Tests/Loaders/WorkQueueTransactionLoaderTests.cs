using WideEvents.Analyze.Records;
using WideEvents.Analyze.Loaders;

namespace WideEvents.Analyze.Tests.Loaders;

public class WorkQueueTransactionLoaderTests
{
    private static readonly string[] Lifecycle = ["WAITING", "RUNNING", "WAITING_RETRIEVAL", "RETRIEVED", "DONE"];

    [Fact]
    public void Every_task_of_the_generated_log_passes_its_states_in_order()
    {
        var records = RecordLoader.Load(Path.Combine(RealLogs.Dir("workqueue-generated-debian-cctools"), "transaction_log")).Records;

        var tasks = records.Where(r => r.Has("wq_task_state")).GroupBy(r => r["wq_task_id"].AsLong).ToList();
        Assert.Equal(8, tasks.Count);
        foreach (var task in tasks)
        {
            var states = task.OrderBy(r => r.Time).Select(r => r["wq_task_state"].AsString).ToList();
            Assert.Equal(Lifecycle, states);
        }
        Assert.All(records, r => Assert.Equal(9899, r["wq_manager_pid"].AsLong));
    }

    [Fact]
    public void Doubled_and_trailing_spaces_do_not_shift_fields()
    {
        var records = RecordLoader.Load(Path.Combine(RealLogs.Dir("workqueue-generated-debian-cctools"), "transaction_log")).Records;

        var done = records.Where(r => r["wq_task_state"].AsString == "DONE").ToList();
        Assert.All(done, r => Assert.Equal("SUCCESS", r["wq_result"].AsString));
        Assert.Contains(done, r => r["wq_exit_code"].AsLong == 9);
        var running = records.First(r => r["wq_task_state"].AsString == "RUNNING");
        Assert.Matches(@"^\d+\.\d+\.\d+\.\d+:\d+$", running["wq_worker_address"].AsString!);
        Assert.Equal("FIRST_RESOURCES", running["wq_allocation"].AsString);
        Assert.StartsWith("{", running["wq_resources"].AsString, StringComparison.Ordinal);
    }

    [Fact]
    public void The_manual_excerpt_with_master_lines_and_taskvine_lines_loads()
    {
        var result = RecordLoader.Load(RealLogs.Dir("cctools-workqueue-manual-excerpt"));

        var vine = result.Records.Where(r => r.Source.EndsWith("taskvine-doc-sample-lines.txt", StringComparison.Ordinal)).ToList();
        Assert.Equal("MANAGER START", vine[0]["msg"].AsString);
        var waiting = vine.Where(r => r["wq_task_state"].AsString == "WAITING").ToList();
        Assert.Equal(6, waiting.Count);
        Assert.All(waiting, r => Assert.Equal("default", r["wq_category"].AsString));
        Assert.Equal(5, waiting.Count(r => r["wq_attempt"].AsLong == 1));
        Assert.Contains(result.Records, r => r["msg"].AsString == "MANAGER START" && r["wq_object_type"].AsString == "MASTER");
        Assert.Contains(result.Records, r => r["wq_task_state"].AsString == "RETRIEVED" && r["wq_exit_code"].AsLong == 0);
    }

    [Fact]
    public void Measured_resources_are_typed_keys_even_from_the_manuals_cut_dictionaries()
    {
        var records = RecordLoader.Load(Path.Combine(RealLogs.Dir("cctools-workqueue-manual-excerpt"), "transactions-sample-lines.txt")).Records;

        var retrieved = records.First(r => r["wq_task_state"].AsString == "RETRIEVED");

        Assert.Equal(ValueKind.Double, retrieved["wq_measured_wall_time"].Kind);
        Assert.Equal(123.137485, retrieved["wq_measured_wall_time"].AsDouble);
        Assert.Equal(1.0, retrieved["wq_measured_cores"].AsDouble);
    }

    [Fact]
    public void A_workers_disconnection_reason_is_a_key()
    {
        var records = RecordLoader.Load(Path.Combine(RealLogs.Dir("workqueue-generated-debian-cctools"), "transaction_log")).Records;

        var disconnection = Assert.Single(records, r => r["wq_event"].AsString == "DISCONNECTION");

        Assert.Equal("EXPLICIT", disconnection["wq_disconnect_reason"].AsString);
        Assert.Equal("127.0.0.1:47720", disconnection["wq_worker_address"].AsString);
        Assert.False(records.Single(r => r["wq_event"].AsString == "CONNECTION").Has("wq_disconnect_reason"));
    }
}
