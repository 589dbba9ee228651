using WideEvents.Analyze.Tests.Support;
using WideEvents.Analyze.Loaders;

namespace WideEvents.Analyze.Tests.Loaders;

public sealed class OwnFilesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wide-own-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args) => Wide.Run(args);

    [Fact]
    public void A_trace_written_next_to_a_real_run_is_skipped_with_a_note_and_counts_nothing()
    {
        var run = Path.Combine(_dir, "run");
        CopyDirectory(Path.Combine(RealLogs.Diamond, "runinfo"), Path.Combine(run, "runinfo"));
        var before = RecordLoader.Load(run).Records.Count;
        Assert.Equal(0, Run("trace", run, "-o", Path.Combine(run, "trace.json")).Code);
        File.WriteAllText(Path.Combine(run, "pretty.json"), "{\n  \"a\": 1,\n  \"b\": [1, 2]\n}\n");

        var after = RecordLoader.Load(run);

        Assert.Equal(before, after.Records.Count);
        Assert.Contains("Chrome trace", Assert.Single(after.Skipped, s => s.Path.EndsWith("trace.json", StringComparison.Ordinal)).Reason, StringComparison.Ordinal);
        Assert.Contains("JSON document", Assert.Single(after.Skipped, s => s.Path.EndsWith("pretty.json", StringComparison.Ordinal)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Records_in_both_the_run_files_and_the_store_count_once_and_the_store_state_is_not_a_record()
    {
        // As `wide demo` leaves a folder: the files Emit wrote, and the collector's store holding the
        // same lines widened with "run" by the sidecar, plus the store's commit record.
        string[] lines =
        [
            """{"@t":"2026-11-30T23:11:34.8550868Z","@mt":"WideEvents file {file_uuid} begins","file_uuid":"01a22eba-5bc3-7646-978d-5add9187185b","component":"submitter","pid":7955}""",
            """{"@t":"2026-11-30T23:11:34.8564702Z","@mt":"Task {task_id} try {try_id}: changing state from {from_state} to pending","task_id":1,"try_id":0,"from_state":"unsched","to_state":"pending","run_id":"01a22eba-5bb9-7a65-9b1b-3ed46730dac0","component":"submitter","pid":7955}""",
            """{"@t":"2026-11-30T23:11:34.8654291Z","@mt":"Task {task_id} try {try_id}: changing state from {from_state} to exec_done","task_id":1,"try_id":0,"from_state":"pending","to_state":"exec_done","run_id":"01a22eba-5bb9-7a65-9b1b-3ed46730dac0","component":"submitter","pid":7955}""",
        ];
        Directory.CreateDirectory(Path.Combine(_dir, "runinfo", "000", "submitter"));
        Directory.CreateDirectory(Path.Combine(_dir, "store"));
        File.WriteAllLines(Path.Combine(_dir, "runinfo", "000", "submitter", "submitter.jsonl"), lines);
        File.WriteAllLines(Path.Combine(_dir, "store", "01a22eba-0001.jsonl"), lines.Select(l => l[..^1] + ",\"run\":\"000\"}"));
        File.WriteAllText(Path.Combine(_dir, "store", "store-state.json"),
            """{"01a22eba-5bc3-7646-978d-5add9187185b":{"Prefix":"01a22eba-5bc3-7646-978d-5add9187185b","FileIndex":1,"Length":512,"Through":3}}""");

        var loaded = RecordLoader.Load(_dir);

        Assert.Equal(3, loaded.Records.Count);
        Assert.Equal(3, loaded.Duplicates);
        Assert.Contains("state file", Assert.Single(loaded.Skipped).Reason, StringComparison.Ordinal);
        var (code, output, error) = Run("states", _dir);
        Assert.Equal(0, code);
        Assert.Contains("taskfarm task: 1 entities", output, StringComparison.Ordinal);
        Assert.Contains("3 records read twice", error, StringComparison.Ordinal);
        Assert.Equal(6, RecordLoader.Load([_dir], new LoadOptions { Deduplicate = false }).Records.Count);
    }

    [Fact]
    public void A_file_that_is_mostly_bad_lines_gets_a_warning()
    {
        File.WriteAllLines(Path.Combine(_dir, "torn.jsonl"), ["{\"@t\":\"2026-11-30T23:11:34Z\",\"@mt\":\"ok\"}", "{\"@t\": oops", "{not json", "{nor this"]);

        var (_, _, error) = Run("load", _dir);

        Assert.Contains("3 of 4 lines are not records", error, StringComparison.Ordinal);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
