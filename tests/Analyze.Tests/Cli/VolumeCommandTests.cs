using System.Text.Json;
using System.Text.RegularExpressions;
using WideEvents.Analyze.Tests.Support;

namespace WideEvents.Analyze.Tests.Cli;

public sealed class VolumeCommandTests
{
    private static List<JsonElement> Rows(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)];

    [Fact]
    public void Templates_of_a_parsl_text_log_are_sorted_by_bytes_and_their_bytes_add_up_to_the_file()
    {
        var log = Path.Combine(RealLogs.NfCore, "runinfo", "001", "parsl.log");
        var (code, output, _) = Wide.Run("volume", log, "--json");

        Assert.Equal(0, code);
        var rows = Rows(output);
        var bytes = rows.Select(r => r.GetProperty("bytes").GetInt64()).ToList();
        Assert.Equal(bytes.OrderDescending(), bytes);
        // Every byte of the file is in some entry (the Config repr and tracebacks with the entry before them).
        Assert.Equal(new FileInfo(log).Length, bytes.Sum());
        var entries = File.ReadLines(log).Count(l => Regex.IsMatch(l, @"^\d+\.\d+ \d{4}-\d\d-\d\d "));
        Assert.Equal(entries, rows.Sum(r => r.GetProperty("records").GetInt64()));
        Assert.Equal(100, rows.Sum(r => r.GetProperty("share_pct").GetDouble()), 0);
        // The first entry, with its multi-line Config(...), is the longest.
        var firstEntry = File.ReadLines(log).TakeWhile((l, i) => i == 0 || !Regex.IsMatch(l, @"^\d+\.\d+ \d{4}-")).Sum(l => System.Text.Encoding.UTF8.GetByteCount(l) + 1);
        Assert.Equal(firstEntry, rows.Max(r => r.GetProperty("longest").GetInt64()));
    }

    [Fact]
    public void Per_template_and_source_the_bytes_of_a_json_lines_file_add_up_to_its_size()
    {
        var (code, output, _) = Wide.Run("volume", RealLogs.Uniform, "--by", "template,source", "--json");

        Assert.Equal(0, code);
        var rows = Rows(output);
        var dfk = Path.Combine(RealLogs.Uniform, "runinfo", "000", "parsl.jsonlog");
        var ofDfk = rows.Where(r => r.GetProperty("source").GetString() == dfk).ToList();
        Assert.Equal(new FileInfo(dfk).Length, ofDfk.Sum(r => r.GetProperty("bytes").GetInt64()));
        Assert.Equal(File.ReadLines(dfk).Count(), ofDfk.Sum(r => r.GetProperty("records").GetInt64()));
        Assert.Contains(ofDfk, r => r.GetProperty("template").GetString() == "Task %s: Adding output dependencies");
    }

    [Fact]
    public void By_level_and_a_bad_dimension()
    {
        var (code, output, _) = Wide.Run("volume", RealLogs.Uniform, "--by", "level", "--csv");
        Assert.Equal(0, code);
        Assert.StartsWith("records,bytes,share_pct,longest,level", output, StringComparison.Ordinal);
        Assert.Contains(",Debug", output, StringComparison.Ordinal);
        Assert.Equal(2, Wide.Run("volume", RealLogs.Uniform, "--by", "colour").Code);
    }
}
