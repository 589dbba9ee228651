using WideEvents.Analyze.Tests.Support;

namespace WideEvents.Analyze.Tests.Cli;

public sealed class RecognisedRulesTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => Wide.Run(args);

    [Fact]
    public void Common_with_no_flags_joins_the_interchange_to_the_tasks_of_a_prototype_run()
    {
        var (code, output, error) = Run("common", RealLogs.Uniform);

        Assert.Equal(0, code);
        Assert.Contains("rules applied: parsl (Parsl JSON logs and Parsl monitoring.db recognised)", error, StringComparison.Ordinal);
        Assert.Contains("HTEX task %s: putting onto pending_task_queue/interchange log/MainThread", output, StringComparison.Ordinal);
        Assert.Contains("HTEX task %s: received executor task/Pool worker log/MainThread", output, StringComparison.Ordinal);
        Assert.Matches(@"7\.3752\d+ .*Task %s: changing state from launched to exec_done", output);
        // The interchange's 6.6 s wait for a manager is the bottleneck: marked between the two steps
        // it separates, not on the step after it.
        var lines = output.Split('\n');
        var scheduled = Array.FindIndex(lines, l => l.Contains("Putting HTEX task %s into scheduler", StringComparison.Ordinal));
        Assert.Contains("s wait here: likely bottleneck", lines[scheduled - 1], StringComparison.Ordinal);
        Assert.Contains("put onto pending_task_queue", string.Join('\n', lines[(scheduled - 5)..(scheduled - 1)]), StringComparison.Ordinal);
        Assert.DoesNotContain("bottleneck", lines[scheduled], StringComparison.Ordinal);
    }

    [Fact]
    public void No_rules_turns_the_recognised_rules_off_and_says_so()
    {
        var (code, output, error) = Run("common", RealLogs.Uniform, "--no-rules");

        Assert.Equal(0, code);
        Assert.Contains("rules applied: none (--no-rules)", error, StringComparison.Ordinal);
        Assert.DoesNotContain("interchange log", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_logs_and_monitoring_db_bring_the_parsl_rules_and_a_work_queue_log_the_workqueue_rules()
    {
        Assert.Contains("rules applied: parsl (Parsl text logs recognised)", Run("states", RealLogs.Dir("nf-core-cellpainting-htex-parsl-2025.05.12")).Err, StringComparison.Ordinal);
        Assert.Contains("rules applied: parsl (Parsl monitoring.db recognised)", Run("states", RealLogs.Dir("parsl-pr3169-monitoring-db")).Err, StringComparison.Ordinal);
        Assert.Contains("rules applied: workqueue (Work Queue/TaskVine transaction log recognised)", Run("states", RealLogs.Dir("workqueue-generated-debian-cctools")).Err, StringComparison.Ordinal);
        Assert.Contains("rules applied: none", Run("states", RealLogs.Dir("workqueue-generated-debian-cctools"), "--no-rules").Err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_work_queue_task_line_names_its_worker_by_the_id_its_connection_line_gives()
    {
        var merged = Path.Combine(Path.GetTempPath(), $"wide-merged-{Guid.NewGuid():N}.jsonl");
        var (code, _, _) = Run("load", RealLogs.Dir("workqueue-generated-debian-cctools"), "-o", merged);
        var json = File.ReadAllText(merged);
        File.Delete(merged);

        Assert.Equal(0, code);
        var rows = json.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).ToList();
        var connected = rows.Single(r => r.TryGetProperty("wq_event", out var e) && e.GetString() == "CONNECTION").GetProperty("wq_worker_id").GetString();
        var running = rows.Where(r => r.TryGetProperty("wq_task_state", out var s) && s.GetString() == "RUNNING").ToList();
        Assert.Equal(8, running.Count);
        Assert.All(running, r => Assert.Equal(connected, r.GetProperty("wq_worker_id").GetString()));
    }

    [Fact]
    public void Common_with_no_flags_gives_at_most_4_shapes_on_the_diamond_run_and_18_on_nf_core()
    {
        static int Shapes(string output) =>
            int.Parse(System.Text.RegularExpressions.Regex.Match(output, @"entities in (\d+) shape\(s\)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        var diamond = Run("common", RealLogs.Diamond);
        var nfCore = Run("common", RealLogs.NfCore);

        Assert.Equal(0, diamond.Code);
        Assert.Contains("17 entities in", diamond.Out, StringComparison.Ordinal);
        Assert.InRange(Shapes(diamond.Out), 1, 4);
        Assert.Equal(0, nfCore.Code);
        Assert.Contains("54 entities in", nfCore.Out, StringComparison.Ordinal);
        Assert.InRange(Shapes(nfCore.Out), 1, 18);
    }
}
