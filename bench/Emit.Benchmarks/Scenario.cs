using Microsoft.Extensions.Logging;

namespace WideEvents.Emit.Benchmarks;

/// <summary>The one event every library writes, and the identity of the object it is bound to.</summary>
internal static class Scenario
{
    public const string Template = "Task {TaskId}: changing state from {From} to {To}";

    // The event's own arguments: an int and two strings, as a task-state change has.
    public static readonly int TaskId = 42;
    public static readonly string From = "queued";
    public static readonly string To = "running";

    // The 4 identity fields of the object the logger is bound to.
    public const string RunId = "0193a5b2-7c1e-7d30-9f4e-2b8c1d6e5a01";
    public const string Executor = "LocalExecutor";

    public static KeyValuePair<string, object?>[] IdentityFields() =>
    [
        new("run_id", RunId),
        new("task_id", TaskId),
        new("try_id", 1),
        new("executor", Executor),
    ];
}

/// <summary>A task whose logger is bound to it, the way application code would do it.</summary>
internal sealed class BenchTask : IIdentifiable
{
    public IEnumerable<KeyValuePair<string, object?>> IdentityFields => Scenario.IdentityFields();
}

internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = Scenario.Template)]
    public static partial void StateChanged(ILogger logger, int taskId, string from, string to);
}
