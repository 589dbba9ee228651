using System.Diagnostics;
using System.Text.Json.Nodes;
using WideEvents.EndToEnd.Tests.Support;

namespace WideEvents.EndToEnd.Tests;

/// <summary>
/// Guards what TaskFarm writes while Emit is made cheaper: every record each component writes
/// per task, with every one of its fields, stays. A faster Emit must not be faster by writing less.
/// </summary>
public sealed class TaskFarmRecordsTests
{
    private const int Tasks = 40;

    // (component, template, the keys the record carries besides @t, pid, thread, host and process), once per task.
    private static readonly (string Component, string Template, string Keys)[] PerTask =
    [
        ("submitter", "Task {task_id} try {try_id}: changing state from {from_state} to launched", "@mt app category component event_id event_name from_state run_id task_id to_state try_id"),
        ("submitter", "Task {task_id} try {try_id}: changing state from {from_state} to running", "@mt app category component event_id event_name from_state run_id task_id to_state try_id"),
        ("submitter", "Task {task_id} try {try_id}: changing state from {from_state} to exec_done", "@mt app category component event_id event_name from_state run_id task_id to_state try_id"),
        ("interchange", "Span {span_name} is tied to its identity", "@mt category component exec_task_id run_id span_id span_name task_id try_id"),
        ("interchange", "Queued task {exec_task_id} for app {app}", "@mt app category component event_id event_name exec_task_id run_id span_id"),
        ("interchange", "Metric {metric} = {value}", "@mt category component metric run_id span_id value"),
        ("interchange", "Metric {metric} = {value}", "@mt category component metric run_id value"),
        ("interchange", "Dispatching task {exec_task_id} to manager {manager_id}", "@mt category component event_id event_name exec_task_id manager_id run_id"),
        ("interchange", "Result of task {exec_task_id} received, success {ok}", "@mt category component event_id event_name exec_task_id manager_id ok run_id"),
        ("worker_pool", "Span {span_name} {span_event}", "@mt category component event_id event_name exec_task_id manager_id run_id span_event span_id span_name worker_id"),
        ("worker_pool", "Executing app {app}: sleep {sleep_ms} ms, spin {spin_ms} ms", "@l @mt app category component event_id event_name exec_task_id manager_id run_id sleep_ms span_id spin_ms worker_id"),
        ("worker_pool", "Span {span_name} {span_event} after {duration_s} s: {outcome}", "@mt category component duration_s event_id event_name exec_task_id manager_id outcome run_id span_event span_id span_name worker_id"),
    ];

    // The interchange decodes one more message than there are tasks: the submitter's shutdown.
    private static readonly (string Component, string Template, string Keys)[] PerMessage =
    [
        ("interchange", "Span {span_name} {span_event}", "@mt category component event_id event_name run_id span_event span_id span_name"),
        ("interchange", "Decoding task message of {message_bytes} bytes", "@l @mt category component event_id event_name message_bytes run_id span_id"),
        ("interchange", "Span {span_name} {span_event} after {duration_s} s: {outcome}", "@mt category component duration_s event_id event_name outcome run_id span_event span_id span_name"),
    ];

    [Fact]
    public void Every_component_writes_each_of_its_records_once_per_task_with_all_its_fields()
    {
        var directory = Path.Combine(Path.GetTempPath(), "taskfarm-records-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            RunFarm(directory);
            var counts = Directory.GetFiles(directory, "*.jsonl", SearchOption.AllDirectories)
                .SelectMany(File.ReadLines)
                .Select(line => JsonNode.Parse(line)!.AsObject())
                .GroupBy(Shape)
                .ToDictionary(g => g.Key, g => g.Count());

            foreach (var shape in PerTask)
            {
                Assert.True(counts.TryGetValue(shape, out var count), $"no {shape} records");
                Assert.True(count == Tasks, $"{count} {shape} records for {Tasks} tasks");
            }

            foreach (var shape in PerMessage)
            {
                Assert.True(counts.TryGetValue(shape, out var count), $"no {shape} records");
                Assert.True(count == Tasks + 1, $"{count} {shape} records for {Tasks} tasks and the shutdown");
            }

            var perTaskTotal = counts.Where(c => c.Value >= Tasks).Sum(c => c.Value);
            Assert.Equal((15 * Tasks) + 3, perTaskTotal);
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static (string, string, string) Shape(JsonObject record)
    {
        string[] ambient = ["@t", "pid", "thread", "host", "process"];
        var keys = record.Select(p => p.Key).Where(k => !ambient.Contains(k)).Order(StringComparer.Ordinal);
        return ((string?)record["component"] ?? "", (string?)record["@mt"] ?? "", string.Join(' ', keys));
    }

    private static void RunFarm(string directory)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { BuiltPrograms.TaskFarm, "--tasks", Tasks.ToString(System.Globalization.CultureInfo.InvariantCulture), "--sleep-ms", "0", "--shape", "independent", "--pools", "2", "--workers", "2", "--run-dir", Path.Combine(directory, "runinfo", "000") })
        {
            start.ArgumentList.Add(argument);
        }

        using var farm = Process.Start(start)!;
        var error = farm.StandardError.ReadToEndAsync();
        farm.StandardOutput.ReadToEnd();
        Assert.True(farm.WaitForExit(TimeSpan.FromMinutes(2)), "TaskFarm did not finish in 2 minutes");
        Assert.True(farm.ExitCode == 0, error.Result);
    }
}
