using WideEvents.Emit;

namespace WideEvents.TaskFarm.Submitter;

/// <summary>A task of the workflow: its dependencies, its body, its tries and its state.</summary>
internal sealed class FarmTask(string runId, int taskId, string app, IReadOnlyList<FarmTask> dependencies) : IIdentifiable
{
    public int TaskId { get; } = taskId;

    public string App { get; } = app;

    public IReadOnlyList<FarmTask> Dependencies { get; } = dependencies;

    public List<FarmTask> Dependents { get; } = [];

    public int TryId { get; set; }

    public string State { get; set; } = TaskStates.Pending;

    public bool IsFinal => State is TaskStates.ExecDone or TaskStates.Failed or TaskStates.DepFail;

    public IEnumerable<KeyValuePair<string, object?>> IdentityFields =>
    [
        new("run_id", runId),
        new("task_id", TaskId),
        new("app", App),
    ];
}

/// <summary>The lifecycle of a task, in order.</summary>
internal static class TaskStates
{
    public const string Pending = "pending";
    public const string Launched = "launched";
    public const string Running = "running";
    public const string ExecDone = "exec_done";
    public const string FailRetryable = "fail_retryable";
    public const string Failed = "failed";
    public const string DepFail = "dep_fail";
}
