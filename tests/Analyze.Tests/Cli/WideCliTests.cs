using WideEvents.Analyze.Tests.Support;
using System.Text.Json;
using WideEvents.Cli;

namespace WideEvents.Analyze.Tests.Cli;

public sealed class WideCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wide-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args) => Wide.Run(args);

    private static string Run000 => Path.Combine(RealLogs.Diamond, "runinfo", "000");

    [Fact]
    public void Load_lists_files_and_writes_merged_records_that_load_again()
    {
        var merged = Path.Combine(_dir, "merged.jsonl");
        var (code, output, _) = Run("load", RealLogs.Dir("workqueue-generated-debian-cctools"), Path.Combine(RealLogs.Diamond, "runinfo", "monitoring.db"), "-o", merged);

        Assert.Equal(0, code);
        Assert.Contains("WorkQueueTransactions", output, StringComparison.Ordinal);
        Assert.Contains("MonitoringDb", output, StringComparison.Ordinal);
        var again = WideEvents.Analyze.Loaders.RecordLoader.Load(merged).Records;
        Assert.Equal(File.ReadLines(merged).Count(), again.Count);
        Assert.Contains(again, r => r["wq_task_state"].AsString == "DONE" && r["source"].AsString!.EndsWith("transaction_log", StringComparison.Ordinal));
    }

    [Fact]
    public void Flow_prints_the_entity_across_sources_in_text_and_json()
    {
        var (code, output, _) = Run("flow", Run000, "--rules", "parsl", "--entity", "task_id=16");
        Assert.Equal(0, code);
        Assert.StartsWith("=== About task_id=16", output, StringComparison.Ordinal);
        Assert.Contains("(Pool worker log)", output, StringComparison.Ordinal);
        Assert.Contains("changing state from launched to fail_retryable", output, StringComparison.Ordinal);

        var (jcode, json, _) = Run("flow", Run000, "-r", "parsl", "-e", "parsl_task_id=16", "--json");
        Assert.Equal(0, jcode);
        var rows = json.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(0, rows[0].GetProperty("offset").GetDouble());
        Assert.All(rows, r => Assert.True(r.TryGetProperty("source", out _)));
    }

    [Fact]
    public void Common_states_metric_and_spans_run_with_csv_and_text()
    {
        var (code, output, _) = Run("common", Path.Combine(Run000, "parsl.jsonlog"), Path.Combine(Run000, "htex_Local"), "-r", "parsl");
        Assert.Equal(0, code);
        Assert.Contains("likely bottleneck", output, StringComparison.Ordinal);
        Assert.Contains("Shape 2:", output, StringComparison.Ordinal);

        var (scode, csv, _) = Run("states", RealLogs.Dir("workqueue-generated-debian-cctools"), "--csv");
        Assert.Equal(0, scode);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("timeline,time,offset_s,WAITING,RUNNING,WAITING_RETRIEVAL,RETRIEVED,DONE,CANCELED,UNKNOWN", lines[0].TrimEnd('\r'));
        Assert.EndsWith(",0,0,0,0,8,0,0", lines[^1].TrimEnd('\r'), StringComparison.Ordinal);
        // Offsets count from MANAGER START, the log's first record, as the HTML report's do: the first task waits after it.
        Assert.True(double.Parse(lines[1].Split(',')[2], System.Globalization.CultureInfo.InvariantCulture) > 0, lines[1]);

        var (mcode, metric, _) = Run("metric", "tasks_running", RealLogs.Dir("workqueue-generated-debian-cctools"), "--bucket", "1");
        Assert.Equal(0, mcode);
        Assert.Contains("tasks_running:", metric, StringComparison.Ordinal);

        var (pcode, spans, _) = Run("spans", Path.Combine(Run000, "parsl.jsonlog"), "--json");
        Assert.Equal(0, pcode);
        Assert.Contains("\"span\":\"DFK cleanup\"", spans, StringComparison.Ordinal);
    }

    [Fact]
    public void States_shows_the_same_columns_in_text_csv_and_json()
    {
        var dir = RealLogs.Dir("workqueue-generated-debian-cctools");
        var (_, text, _) = Run("states", dir);
        var (_, csv, _) = Run("states", dir, "--csv");
        var (_, json, _) = Run("states", dir, "--json");

        var csvColumns = csv.Split('\n')[0].TrimEnd('\r').Split(',');
        var textColumns = text.Split('\n').First(l => l.StartsWith("timeline", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var jsonColumns = JsonDocument.Parse(json.Split('\n')[0]).RootElement.EnumerateObject().Select(p => p.Name);
        Assert.Equal(csvColumns, textColumns);
        Assert.Equal(csvColumns, jsonColumns);
    }

    [Fact]
    public void Common_on_the_whole_uniform_run_directory_reproduces_the_prototype_findcommon()
    {
        var (code, json, _) = Run("common", RealLogs.Uniform, "--rules", "parsl", "--json");

        Assert.Equal(0, code);
        var rows = json.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var golden = File.ReadAllLines(Path.Combine(RealLogs.Uniform, "prototype-output-findcommon.txt"))[^33..];
        Assert.Equal(golden.Length, rows.Count);
        foreach (var (line, row) in golden.Zip(rows))
        {
            var colon = line.IndexOf(": ", StringComparison.Ordinal);
            Assert.Equal(line[(colon + 2)..], row.GetProperty("step").GetString());
            Assert.Equal(
                double.Parse(line[..colon], System.Globalization.CultureInfo.InvariantCulture).ToString("G6", System.Globalization.CultureInfo.InvariantCulture),
                row.GetProperty("mean_s").GetDouble().ToString("G6", System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Bad_input_gives_a_clear_error_and_a_non_zero_exit_code()
    {
        var missing = Run("load", "/nonexistent/wide");
        Assert.Equal(ExitCodes.BadInput, missing.Code);
        Assert.Contains("wide: error: no such file or directory: /nonexistent/wide", missing.Err, StringComparison.Ordinal);

        var badRules = Path.Combine(_dir, "bad.rules.json");
        File.WriteAllText(badRules, """{ "rules": [ { "keys": ["a"] } ] }""");
        var rules = Run("load", Run000, "--rules", badRules);
        Assert.Equal(ExitCodes.BadInput, rules.Code);
        Assert.Contains("invalid rule file", rules.Err, StringComparison.Ordinal);

        // Without rules: the recognised Parsl rules would copy parsl_task_id to task_id.
        var key = Run("flow", Path.Combine(Run000, "parsl.jsonlog"), "--no-rules", "--entity", "task_id=3");
        Assert.Equal(ExitCodes.BadInput, key.Code);
        Assert.Contains("no record has the key 'task_id'; similar keys:", key.Err, StringComparison.Ordinal);
        Assert.Contains("parsl_task_id", key.Err, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.NothingFound, Run("flow", Path.Combine(Run000, "parsl.jsonlog"), "--entity", "parsl_task_id=999").Code);
        Assert.Equal(ExitCodes.Usage, Run("flow", Run000).Code);
        Assert.Equal(ExitCodes.Usage, Run("spans", Run000, "--json", "--csv").Code);
    }

    [Fact]
    public void Every_command_has_help()
    {
        foreach (var command in new[] { "load", "flow", "common", "states", "metric", "spans" })
        {
            var (code, output, _) = Run(command, "--help");
            Assert.Equal(0, code);
            Assert.Contains("--rules", output, StringComparison.Ordinal);
            Assert.Contains("--json", output, StringComparison.Ordinal);
        }
        var names = WideCli.BuildRootCommand().Subcommands.Select(c => c.Name).ToList();
        Assert.Subset(names.ToHashSet(), new HashSet<string> { "load", "flow", "common", "states", "metric", "spans" });
    }
}
