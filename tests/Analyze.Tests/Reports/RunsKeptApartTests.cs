using WideEvents.Analyze.Loaders;
using WideEvents.Analyze.Reports;
using WideEvents.Cli;

namespace WideEvents.Analyze.Tests.Reports;

public class RunsKeptApartTests
{
    [Fact]
    public void Flow_of_task_0_on_the_nf_core_run_shows_each_run_in_its_own_flow()
    {
        var output = new StringWriter();
        var code = WideCli.Run(["flow", RealLogs.NfCore, "--entity", "parsl_task_id=0"], output, new StringWriter());

        Assert.Equal(0, code);
        var blocks = output.ToString().Split("=== About ", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, blocks.Length);
        // Run 000 ran task 0 on the htex executor, run 001 on threads: one flow must not show both.
        Assert.Contains("executor htex_default_for_cytotable", blocks[0], StringComparison.Ordinal);
        Assert.DoesNotContain("executor threads", blocks[0], StringComparison.Ordinal);
        Assert.Contains("executor threads", blocks[1], StringComparison.Ordinal);
        Assert.DoesNotContain("htex_default_for_cytotable", blocks[1], StringComparison.Ordinal);
        Assert.Contains("in run f14f7d40-5b99-4fb8-90ed-034265431e2e", blocks[0], StringComparison.Ordinal);
        Assert.Contains("in run bdc7168e-ea50-42f8-9e6c-e59162a48dc2", blocks[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Flow_by_run_splits_on_the_run_directory_when_records_name_no_run()
    {
        var records = RecordLoader.Load(RealLogs.NfCore).Records;

        var flows = FlowReport.ByRun(records, EntitySpec.Parse("parsl_task_id=0"));

        Assert.Equal(2, flows.Count);
        Assert.EndsWith("000", flows[0].Run, StringComparison.Ordinal);
        Assert.EndsWith("001", flows[1].Run, StringComparison.Ordinal);
        Assert.All(flows, f => Assert.Single(f.Lines.Select(l => l.Record["run"].ToString()).Distinct()));
    }

    [Fact]
    public void Text_logs_take_the_dfk_from_the_run_id_line_and_join_branch_wordings()
    {
        var records = RecordLoader.Load(Path.Combine(RealLogs.NfCore, "runinfo", "001", "parsl.log")).Records;

        Assert.Contains(records, r => r["parsl_dfk"].ToString() == "bdc7168e-ea50-42f8-9e6c-e59162a48dc2");

        var text = Path.Combine(Path.GetTempPath(), $"branch-{Guid.NewGuid():N}.log");
        File.WriteAllLines(text,
        [
            "1795555280.488601 2026-11-24 21:21:20 MainProcess-8298 Task-Launch_0-140677048411840 parsl.dataflow.dflow:88 log INFO: Task 36: try 0 launched on executor htex_Local with executor id 31",
            "1795555280.488614 2026-11-24 21:21:20 MainProcess-8315 MainThread-140677048411841 interchange:88 log INFO: HTEX task 31: received executor task",
        ]);
        try
        {
            var branch = RecordLoader.Load(text).Records;
            Assert.Equal("36", branch[0]["parsl_task_id"].ToString());
            Assert.Equal("31", branch[0]["parsl_executor_id"].ToString());
            Assert.Equal("31", branch[1]["htex_task_id"].ToString());
        }
        finally
        {
            File.Delete(text);
        }
    }

    [Fact]
    public void Text_logs_and_the_monitoring_db_of_the_same_run_count_each_task_once()
    {
        // nf-core's run 000 as text logs, plus a monitoring.db with a status row per task of the
        // same DFK (the id parsl.log states in "Run id is: ..."), as Parsl writes both into runinfo/.
        var dir = Directory.CreateTempSubdirectory("wide-db-").FullName;
        try
        {
            var db = Path.Combine(dir, "monitoring.db");
            using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db};Pooling=False"))
            {
                connection.Open();
                using var create = connection.CreateCommand();
                create.CommandText = "CREATE TABLE status (task_id INTEGER NOT NULL, task_status_name TEXT NOT NULL, timestamp DATETIME NOT NULL, run_id TEXT NOT NULL, try_id INTEGER NOT NULL)";
                create.ExecuteNonQuery();
                for (var task = 0; task <= 20; task++)
                {
                    using var insert = connection.CreateCommand();
                    insert.CommandText = $"INSERT INTO status VALUES ({task}, 'pending', '2026-04-28 16:48:08.500000', 'f14f7d40-5b99-4fb8-90ed-034265431e2e', 0)";
                    insert.ExecuteNonQuery();
                }
            }
            var output = new StringWriter();

            var code = WideCli.Run(["states", Path.Combine(RealLogs.NfCore, "runinfo", "000"), db], output, new StringWriter());

            Assert.Equal(0, code);
            Assert.Contains("parsl task: 21 entities", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
