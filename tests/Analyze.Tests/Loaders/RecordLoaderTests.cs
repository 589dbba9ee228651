using WideEvents.Analyze.Loaders;
using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Tests.Loaders;

public class RecordLoaderTests
{
    public static TheoryData<string> Folders() => new(
        "cctools-workqueue-manual-excerpt",
        "nf-core-cellpainting-htex-parsl-2025.05.12",
        "parsl-benc-observability-run-diamond",
        "parsl-benc-observability-run-uniform",
        "parsl-pr3169-monitoring-db",
        "workqueue-generated-debian-cctools");

    [Theory]
    [MemberData(nameof(Folders))]
    public void Every_real_log_folder_loads(string folder)
    {
        var result = RecordLoader.Load(RealLogs.Dir(folder));

        Assert.NotEmpty(result.Files);
        Assert.NotEmpty(result.Records);
        Assert.All(result.Files, f => Assert.Equal(0, f.BadLines));
        Assert.All(result.Records, r => Assert.StartsWith(RealLogs.Dir(folder), r.Source, StringComparison.Ordinal));
        // Only documentation and job-script leftovers are left unrecognised.
        Assert.All(result.Skipped, s => Assert.Matches(@"(\.md|\.txt|\.sh\.(ec|err|out)|LICENSE\.upstream)$", s.Path));
    }

    [Fact]
    public void Formats_are_sniffed_from_content()
    {
        var result = RecordLoader.Load(RealLogs.Dir("workqueue-generated-debian-cctools"), RealLogs.Dir("nf-core-cellpainting-htex-parsl-2025.05.12"),
            Path.Combine(RealLogs.Uniform, "runinfo"));
        LogFormat FormatOf(string suffix) => result.Files.Single(f => f.Path.EndsWith(suffix, StringComparison.Ordinal)).Format;

        Assert.Equal(LogFormat.WorkQueueTransactions, FormatOf("transaction_log"));
        Assert.Equal(LogFormat.WorkQueueStats, FormatOf("master_log"));
        Assert.Equal(LogFormat.ParslText, FormatOf("runinfo/001/parsl.log"));
        Assert.Equal(LogFormat.ParslText, FormatOf("054565ab9a60/worker_0.log"));
        Assert.Equal(LogFormat.JsonLines, FormatOf("000/parsl.jsonlog"));
        Assert.Equal(LogFormat.MonitoringDb, FormatOf("runinfo/monitoring.db"));
    }

    [Fact]
    public void Python_logging_json_keeps_strings_and_templates()
    {
        var records = RecordLoader.Load(Path.Combine(RealLogs.Uniform, "runinfo", "000", "parsl.jsonlog")).Records;

        Assert.Equal(790, records.Count);
        var join = records.First(r => r.Template() == "Task %s: try %s launched on executor %s with executor id %s");
        Assert.Equal(ValueKind.String, join["created"].Kind);
        Assert.False(double.IsNaN(join.Time));
        Assert.Equal("Task 0: try 0 launched on executor htex_Local with executor id 1", join.Message());
        Assert.Equal("0", join["parsl_task_id"].AsString);
        Assert.Equal(Severity.Information, join.Level());
    }

    [Fact]
    public void Path_widening_names_run_executor_block_manager_and_worker()
    {
        var worker = RecordLoader.Load(Path.Combine(RealLogs.Uniform, "runinfo", "000", "htex_Local", "block-1")).Records
            .First(r => r.Source.EndsWith("worker_1.jsonlog", StringComparison.Ordinal));

        Assert.Equal("1", worker["block"].AsString);
        Assert.Equal("efe53be55759", worker["manager"].AsString);
        Assert.Equal("1", worker["worker"].AsString);
        Assert.Equal("htex_Local", worker["executor"].AsString);
        Assert.Equal("Pool worker log", worker["logsource"].AsString);
        Assert.EndsWith(Path.Combine("runinfo", "000"), worker["run"].AsString, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_path_is_an_error_and_an_unknown_file_is_skipped()
    {
        Assert.Throws<FileNotFoundException>(() => RecordLoader.Load("/nonexistent/wide/path"));
        var readme = Path.Combine(RealLogs.Uniform, "README.md");
        var result = RecordLoader.Load(readme);
        Assert.Empty(result.Records);
        Assert.Equal(readme, Assert.Single(result.Skipped).Path);
    }

    [Fact]
    public void A_corrupt_database_is_reported_and_skipped_while_the_rest_loads()
    {
        var dir = Directory.CreateTempSubdirectory("wide-corrupt-").FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(dir, "monitoring.db"), [.. "SQLite format 3\0"u8, .. new byte[4096]]);
            File.WriteAllText(Path.Combine(dir, "app.jsonl"), "{\"a\":1}\n");

            var result = RecordLoader.Load(dir);

            Assert.Single(result.Records);
            var skipped = Assert.Single(result.Skipped);
            Assert.EndsWith("monitoring.db", skipped.Path, StringComparison.Ordinal);
            Assert.NotEqual("format not recognised", skipped.Reason);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
