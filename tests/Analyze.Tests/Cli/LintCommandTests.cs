using System.Text.Json;
using WideEvents.Analyze.Tests.Support;

namespace WideEvents.Analyze.Tests.Cli;

public sealed class LintCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wide-lint-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Rules(string json)
    {
        var path = Path.Combine(_dir, Guid.NewGuid() + ".rules.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static JsonElement Line(string path, int number) => JsonDocument.Parse(File.ReadLines(path).ElementAt(number - 1)).RootElement;

    [Fact]
    public void A_task_id_without_a_try_id_breaks_the_rule_exits_1_and_names_each_record_by_source_line_and_template()
    {
        var (code, output, error) = Wide.Run("lint", RealLogs.Uniform, "--rules", Rules("""{ "rules": [ { "keys": ["parsl_task_id"], "implies": "parsl_try_id" } ] }"""), "--json");

        Assert.Equal(1, code);
        var rows = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Contains(rows, r => r.GetProperty("template").GetString() == "Task %s: Adding output dependencies");
        Assert.Contains("Task %s: Adding output dependencies", error, StringComparison.Ordinal);
        // Every line named is, read back from its file, a record with the task id and without the try id.
        Assert.All(rows, r =>
        {
            var source = r.GetProperty("source").GetString()!;
            if (source.Contains(".db#", StringComparison.Ordinal))
            {
                return;
            }
            var record = Line(source, r.GetProperty("line").GetInt32());
            Assert.True(record.TryGetProperty("parsl_task_id", out _));
            Assert.False(record.TryGetProperty("parsl_try_id", out _));
        });
        var adding = Directory.EnumerateFiles(RealLogs.Uniform, "*.jsonlog", SearchOption.AllDirectories)
            .SelectMany(File.ReadLines).Count(l => l.Contains("\"msg\": \"Task %s: Adding output dependencies\"", StringComparison.Ordinal));
        Assert.Equal(adding, rows.Count(r => r.GetProperty("template").GetString() == "Task %s: Adding output dependencies"));
    }

    [Fact]
    public void A_rule_the_run_keeps_exits_0_and_prints_no_violation()
    {
        var (code, output, error) = Wide.Run("lint", RealLogs.Uniform, "--rules", Rules("""{ "rules": [ { "keys": ["parsl_try_id"], "implies": "parsl_task_id" } ] }"""));

        Assert.Equal(0, code);
        Assert.Equal("", output);
        Assert.Contains("all 1 rules hold", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Required_keys_of_a_template_are_checked_only_on_that_template()
    {
        const string template = "Task %s: Adding output dependencies";
        var holds = Rules($$"""{ "rules": [ { "template": "{{template}}", "requires": ["parsl_task_id", "parsl_dfk"] }, { "copy": "a", "to": "b" } ] }""");
        var (code, _, error) = Wide.Run("lint", RealLogs.Uniform, "--rules", holds);
        Assert.Equal(0, code);
        Assert.Contains("1 rewriting rules", error, StringComparison.Ordinal);

        var broken = Rules($$"""{ "rules": [ { "template": "{{template}}", "requires": ["parsl_try_id"] } ] }""");
        var (brokenCode, output, _) = Wide.Run("lint", RealLogs.Uniform, "--rules", broken, "--csv");
        Assert.Equal(1, brokenCode);
        var rows = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Contains(template, r, StringComparison.Ordinal));
    }

    [Fact]
    public void Lines_of_a_parsl_text_log_are_its_entries_header_lines()
    {
        var log = Path.Combine(RealLogs.NfCore, "runinfo", "001", "parsl.log");
        var (code, output, _) = Wide.Run("lint", log, "--rules", Rules("""{ "rules": [ { "keys": ["parsl_task_id"], "implies": "parsl_dfk" } ] }"""), "--json");

        Assert.Equal(1, code);
        var rows = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var lines = File.ReadAllLines(log);
        Assert.All(rows, r => Assert.Matches(@"^\d+\.\d+ \d{4}-\d\d-\d\d \d\d:\d\d:\d\d .* [A-Z]+: Task \d+", lines[r.GetProperty("line").GetInt32() - 1]));
    }

    [Fact]
    public void A_rule_file_without_checks_or_a_missing_one_is_a_usage_error()
    {
        Assert.Equal(2, Wide.Run("lint", RealLogs.Uniform, "--rules", Rules("""{ "rules": [ { "rename": "a", "to": "b" } ] }""")).Code);
        Assert.Equal(2, Wide.Run("lint", RealLogs.Uniform, "--rules", Path.Combine(_dir, "none.json")).Code);
        Assert.Equal(2, Wide.Run("lint", RealLogs.Uniform).Code);
    }
}
