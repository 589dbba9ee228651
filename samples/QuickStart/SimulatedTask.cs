using WideEvents.Emit;

namespace WideEvents.QuickStart;

/// <summary>A unit of work that knows its identity, the way a workflow system's task does.</summary>
internal sealed class SimulatedTask(string runId, int taskId) : IIdentifiable
{
    public int TaskId { get; } = taskId;

    public IEnumerable<KeyValuePair<string, object?>> IdentityFields =>
    [
        new("run_id", runId),
        new("task_id", TaskId),
    ];
}
