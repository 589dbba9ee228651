using System.Diagnostics;
using System.Text.Json;
using WideEvents.Analyze.Tests.Support;
using WideEvents.Cli;

namespace WideEvents.Analyze.Tests.Cli;

/// <summary>The behaviour every <c>wide</c> command shares: output formats, exit codes, stderr, times, notes.</summary>
public sealed class CommandContractTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wide-contract-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string WorkQueue => RealLogs.Dir("workqueue-generated-debian-cctools");

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    private static List<string> JsonColumns(string line) => JsonDocument.Parse(line).RootElement.EnumerateObject().Select(p => p.Name).ToList();

    [Fact]
    public void States_csv_over_two_lifecycles_has_one_header_and_the_json_has_the_same_columns()
    {
        // The manual's excerpt holds a Work Queue and a TaskVine log: two timelines.
        var dir = RealLogs.Dir("cctools-workqueue-manual-excerpt");
        var (code, csv, _) = Wide.Run("states", dir, "--csv");
        var (jcode, json, _) = Wide.Run("states", dir, "--json");

        Assert.Equal(0, code);
        Assert.Equal(0, jcode);
        var lines = Lines(csv);
        Assert.Single(lines, l => l.StartsWith("timeline,", StringComparison.Ordinal));
        Assert.StartsWith("timeline,", lines[0], StringComparison.Ordinal);
        var header = lines[0].Split(',');
        Assert.All(lines, l => Assert.Equal(header.Length, l.Split(',').Length));
        Assert.Equal(["taskvine task", "work queue task"], lines.Skip(1).Select(l => l.Split(',')[0]).Distinct().Order(StringComparer.Ordinal));
        Assert.All(Lines(json), l => Assert.Equal(header, JsonColumns(l)));
    }

    [Theory]
    [InlineData("report", "--json")]
    [InlineData("report", "--csv")]
    [InlineData("trace", "--json")]
    [InlineData("plot states", "--csv")]
    [InlineData("plot states", "--json")]
    public void Json_and_csv_on_a_command_that_writes_a_file_exit_2_with_a_message_and_write_nothing(string command, string flag)
    {
        var output = Path.Combine(_dir, command.StartsWith("plot", StringComparison.Ordinal) ? "out.png" : "out.file");
        var (code, stdout, stderr) = Wide.Run([.. command.Split(' '), WorkQueue, "-o", output, flag]);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal("", stdout);
        Assert.Contains($"{flag}: 'wide {command.Split(' ')[^1]}' writes", stderr, StringComparison.Ordinal);
        Assert.Contains("not a table", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Serve_refuses_json_before_it_starts_serving()
    {
        var (code, stdout, stderr) = Wide.Run("serve", WorkQueue, "--port", "0", "--json");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.DoesNotContain("serving", stdout, StringComparison.Ordinal);
        Assert.Contains("--json: 'wide serve' writes a web page, not a table", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_usage_error_exits_2_with_the_message_on_stderr_and_nothing_on_stdout()
    {
        var (code, stdout, stderr) = Wide.Run("flow", WorkQueue);

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains("wide: error: Option '--entity' is required.", stderr, StringComparison.Ordinal);
        Assert.Contains("Run 'wide flow --help' for usage.", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Description:", stderr, StringComparison.Ordinal);

        var unknown = Wide.Run("states", WorkQueue, "--no-such-option");
        Assert.Equal(2, unknown.Code);
        Assert.Equal("", unknown.Out);
        Assert.Contains("--no-such-option", unknown.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_report_that_finds_nothing_exits_1()
    {
        var (code, stdout, stderr) = Wide.Run("flow", WorkQueue, "--entity", "wq_task_id=999");

        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Contains("no record has wq_task_id=999", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_for_wrong_option_values_name_what_was_expected_not_a_dotnet_type()
    {
        var format = Wide.Run("load", WorkQueue, "--format", "bogus");
        var width = Wide.Run("plot", "states", WorkQueue, "-o", Path.Combine(_dir, "x.png"), "--width", "wide");

        Assert.Equal(2, format.Code);
        Assert.Contains("wide: error: --format: 'bogus' is not one of: Auto, JsonLines,", format.Err, StringComparison.Ordinal);
        Assert.Equal(2, width.Code);
        Assert.Contains("wide: error: --width: 'wide' is not a whole number", width.Err, StringComparison.Ordinal);
        foreach (var err in new[] { format.Err, width.Err })
        {
            Assert.DoesNotContain("WideEvents.", err, StringComparison.Ordinal);
            Assert.DoesNotContain("System.", err, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_lifecycle_file_missing_a_field_is_named_in_the_users_words()
    {
        var file = Path.Combine(_dir, "bad.lifecycle.json");
        File.WriteAllText(file, """{ "name": "x", "states": [["a"]] }""");

        var (code, _, stderr) = Wide.Run("states", WorkQueue, "--lifecycle", file);

        Assert.Equal(2, code);
        Assert.Contains("not a valid lifecycle file: a required field is missing (\"name\", \"states\" and \"events\" are)", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("dictionary", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Metric_list_shows_the_metric_records_names_and_the_numeric_keys()
    {
        var (code, text, _) = Wide.Run("metric", RealLogs.Uniform, "--list");
        var (wqCode, csv, _) = Wide.Run("metric", WorkQueue, "--list", "--csv");

        Assert.Equal(0, code);
        var rows = Lines(text);
        Assert.Matches(@"^name\s+kind\s+samples$", rows[0]);
        Assert.Contains(rows, r => System.Text.RegularExpressions.Regex.IsMatch(r, @"^pending_task_queue_length\s+metric\s+40$"));
        Assert.Equal(0, wqCode);
        Assert.Contains("tasks_running,numeric key,12", Lines(csv));
        Assert.DoesNotContain(Lines(csv), l => l.StartsWith("wq_task_state,", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_metric_name_gets_did_you_mean_and_exit_1()
    {
        var (code, stdout, stderr) = Wide.Run("metric", "tasks_runing", WorkQueue);

        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Contains("did you mean tasks_running", stderr, StringComparison.Ordinal);
        Assert.Contains("--list", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Times_carry_their_zone_utc_by_default()
    {
        var (code, csv, _) = Wide.Run("flow", WorkQueue, "--entity", "wq_task_id=1", "--csv");

        Assert.Equal(0, code);
        var first = Lines(csv)[1].Split(',');
        Assert.Equal("2026-11-24 21:23:15.692096+00:00", first[1]);
    }

    [Fact]
    public void Local_prints_times_in_the_machines_zone_with_its_offset()
    {
        // The zone is the process's, so this runs the real wide in a process with TZ set.
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "wide.dll"), "flow", WorkQueue, "--entity", "wq_task_id=1", "--csv", "--local" })
        {
            start.ArgumentList.Add(a);
        }
        start.Environment["TZ"] = "Asia/Kolkata";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();

        Assert.Equal(0, process.ExitCode);
        Assert.Equal("2026-11-25 02:53:15.692096+05:30", Lines(stdout)[1].Split(',')[1]);
    }

    [Fact]
    public void Quiet_leaves_out_the_notes_but_not_the_results()
    {
        var loud = Wide.Run("states", WorkQueue);
        var quiet = Wide.Run("states", WorkQueue, "--quiet");

        Assert.Contains("skipped ", loud.Err, StringComparison.Ordinal);
        Assert.Contains("rules applied:", loud.Err, StringComparison.Ordinal);
        Assert.Equal(0, quiet.Code);
        Assert.Equal("", quiet.Err);
        Assert.Equal(loud.Out, quiet.Out);
    }

    [Fact]
    public void Rules_help_lists_every_shipped_rule_set()
    {
        var shipped = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Rules"), "*.rules.json").Select(f => Path.GetFileName(f)[..^".rules.json".Length]).ToList();
        var (code, help, _) = Wide.Run("states", "--help");

        Assert.Equal(0, code);
        Assert.Contains("taskfarm", shipped);
        var rulesLine = help.Replace("\n", " ", StringComparison.Ordinal);
        Assert.All(shipped, name => Assert.Contains(name, rulesLine[rulesLine.IndexOf("--rules", StringComparison.Ordinal)..], StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("load")]
    [InlineData("flow", "--entity", "wq_task_id=1")]
    [InlineData("common")]
    [InlineData("states")]
    [InlineData("metric", "tasks_running")]
    [InlineData("metric", "--list")]
    public void Every_table_command_writes_the_same_columns_as_csv_and_as_json(string command, params string[] more)
    {
        // metric takes its name before the paths; --list takes every argument as a path.
        string[] args = command == "metric" && more[0] != "--list" ? [command, more[0], WorkQueue] : [command, WorkQueue, .. more];
        var (csvCode, csv, _) = Wide.Run([.. args, "--csv"]);
        var (jsonCode, json, _) = Wide.Run([.. args, "--json"]);

        Assert.Equal(0, csvCode);
        Assert.Equal(0, jsonCode);
        var header = Lines(csv)[0].Split(',');
        Assert.Single(Lines(csv), l => l == Lines(csv)[0]);
        Assert.Equal(Lines(csv).Length - 1, Lines(json).Length);
        Assert.All(Lines(json), l => Assert.Equal(header, JsonColumns(l)));
    }

    [Fact]
    public void Load_json_and_csv_have_the_same_columns()
    {
        var (_, csv, _) = Wide.Run("load", WorkQueue, "--csv");
        var (_, json, _) = Wide.Run("load", WorkQueue, "--json");

        var header = Lines(csv)[0].Split(',');
        Assert.Equal(["file", "format", "records", "bad_lines"], header);
        Assert.Equal(Lines(csv).Length - 1, Lines(json).Length);
        Assert.All(Lines(json), l => Assert.Equal(header, JsonColumns(l)));
    }

    [Fact]
    public void Load_lists_a_skipped_file_once()
    {
        var (_, stdout, stderr) = Wide.Run("load", WorkQueue);

        var readme = Path.Combine(WorkQueue, "README.md");
        Assert.Equal(1, CountOf(stdout + stderr, readme));
    }

    [Fact]
    public void A_truncated_last_json_line_is_reported()
    {
        var file = Path.Combine(_dir, "cut.jsonlog");
        File.WriteAllText(file, """
            {"@t":"2024-05-01T12:00:00Z","@mt":"one"}
            {"@t":"2024-05-01T12:00:01Z","@mt":"two"}
            {"@t":"2024-05-01T12:00:02Z","@mt":"three"}
            {"@t":"2024-05-01T12:00:03Z","@mt":"fo
            """);

        var (code, _, stderr) = Wide.Run("load", file);

        Assert.Equal(0, code);
        Assert.Contains($"warning: {file}: the last line is cut short (no newline at the end) and was not read", stderr, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part)
    {
        var n = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            n++;
        }
        return n;
    }
}
