using System.Text.Json.Serialization;

namespace WideEvents.TaskFarm.Submitter;

/// <summary>The last line a run prints: what happened, for people and for the demo that started it.</summary>
internal sealed record Summary(
    [property: JsonPropertyName("tasks")] int Tasks,
    [property: JsonPropertyName("exec_done")] int ExecDone,
    [property: JsonPropertyName("failed")] int Failed,
    [property: JsonPropertyName("dep_fail")] int DepFail,
    [property: JsonPropertyName("tries")] int Tries)
{
    [JsonPropertyName("seconds")]
    public double Seconds { get; init; }

    /// <summary>Seconds from the first submission to the last result, without process start-up.</summary>
    [JsonPropertyName("workflow_seconds")]
    public double WorkflowSeconds { get; init; }

    [JsonPropertyName("tasks_per_second")]
    public double TasksPerSecond => WorkflowSeconds > 0 ? Tasks / WorkflowSeconds : 0;

    [JsonPropertyName("run_dir")]
    public string? RunDirectory { get; init; }

    [JsonPropertyName("run_id")]
    public string? RunId { get; init; }
}

[JsonSerializable(typeof(Summary))]
internal sealed partial class SummaryJsonContext : JsonSerializerContext;
