using System.Text.Json.Serialization;

namespace WideEvents.TaskFarm.Protocol;

/// <summary>
/// One message between TaskFarm processes. The submitter speaks in task and try ids; the
/// interchange gives each try its own exec_task_id, the only id the pools ever see.
/// </summary>
internal sealed record FarmMessage
{
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("task_id")]
    public int? TaskId { get; init; }

    [JsonPropertyName("try_id")]
    public int? TryId { get; init; }

    [JsonPropertyName("exec_task_id")]
    public long? ExecTaskId { get; init; }

    [JsonPropertyName("manager_id")]
    public string? ManagerId { get; init; }

    [JsonPropertyName("worker_id")]
    public int? WorkerId { get; init; }

    [JsonPropertyName("workers")]
    public int? Workers { get; init; }

    [JsonPropertyName("body")]
    public TaskBody? Body { get; init; }

    [JsonPropertyName("ok")]
    public bool? Ok { get; init; }

    [JsonPropertyName("error")]
    public string? Error { get; init; }
}

/// <summary>What a task does when it runs: sleep, spin the CPU, and maybe fail.</summary>
internal sealed record TaskBody(
    [property: JsonPropertyName("app")] string App,
    [property: JsonPropertyName("sleep_ms")] int SleepMs,
    [property: JsonPropertyName("spin_ms")] int SpinMs,
    [property: JsonPropertyName("fail")] bool Fail);

/// <summary>The message types, in the order a try meets them.</summary>
internal static class MessageTypes
{
    public const string Hello = "hello";
    public const string Submit = "submit";
    public const string Register = "register";
    public const string Run = "run";
    public const string Running = "running";
    public const string Result = "result";
    public const string Shutdown = "shutdown";
}

[JsonSerializable(typeof(FarmMessage))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class FarmJsonContext : JsonSerializerContext;
