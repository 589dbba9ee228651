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

    // No real log here has TRANSFER or CACHE_UPDATE lines (the generated run moved no files), so
    // these lines follow the grammar FORMATS.md documents from cctools' own printing code, under
    // the real header and MANAGER lines of each system.
    [Fact]
    public void Work_Queue_transfers_carry_direction_size_time_and_file_as_typed_keys()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("wq-transfer-").FullName, "transaction_log");
        File.WriteAllLines(file,
        [
            .. File.ReadLines(Path.Combine(RealLogs.Dir("cctools-workqueue-manual-excerpt"), "transactions-header-lines.txt")),
            "1599244364466668 16444 MANAGER START",
            "1599244400300000 16444 TRANSFER INPUT 1 1 12.500000 0.250000 data/input.csv",
            "1599244540070000 16444 TRANSFER OUTPUT 1 0 0.002000 0.010000 result.txt",
        ]);

        var transfers = RecordLoader.Load(file).Records.Where(r => r.Has("wq_transfer_direction")).ToList();

        Assert.Equal(["INPUT", "OUTPUT"], transfers.Select(r => r["wq_transfer_direction"].AsString));
        Assert.Equal(12_500_000, transfers[0]["wq_transfer_bytes"].AsDouble, 3);
        Assert.Equal(0.25, transfers[0]["wq_transfer_time_s"].AsDouble, 6);
        Assert.True(transfers[0]["wq_transfer_cached"].AsBool);
        Assert.Equal("data/input.csv", transfers[0]["wq_transfer_file"].AsString);
        Assert.All(transfers, r => Assert.Equal(1, r["wq_task_id"].AsLong));
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
    }

    [Fact]
    public void TaskVine_cache_updates_and_transfers_are_typed_keys_in_bytes_and_seconds()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("vine-transfer-").FullName, "transactions");
        File.WriteAllLines(file,
        [
            .. File.ReadLines(Path.Combine(RealLogs.Dir("cctools-workqueue-manual-excerpt"), "taskvine-doc-sample-lines.txt")).Take(2),
            "1679929316000000 4107108 WORKER worker-1a2b CACHE_UPDATE INPUT file-rnd-abc 2048 1500 1679929315998500",
            "1679929317000000 4107108 WORKER worker-1a2b TRANSFER OUTPUT file-out-def 1000000 250000 1679929316750000",
        ]);

        var records = RecordLoader.Load(file).Records;
        var moves = records.Where(r => r.Has("wq_transfer_direction")).ToList();

        Assert.Equal(["CACHE_UPDATE", "TRANSFER"], moves.Select(r => r["wq_event"].AsString));
        Assert.Equal(2048, moves[0]["wq_transfer_bytes"].AsDouble, 3);
        Assert.Equal(0.0015, moves[0]["wq_transfer_time_s"].AsDouble, 9);
        Assert.Equal(0.25, moves[1]["wq_transfer_time_s"].AsDouble, 9);
        Assert.Equal("file-out-def", moves[1]["wq_transfer_file"].AsString);
        Assert.All(moves, r => Assert.Equal("worker-1a2b", r["wq_worker_id"].AsString));
        Assert.All(records, r => Assert.Equal("taskvine", r["wq_system"].AsString));
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
    }
}
