namespace WideEvents.Analyze.Reports;

/// <summary>How <see cref="CommonPathReport"/> groups records into entities and steps.</summary>
public sealed class CommonPathOptions
{
    /// <summary>
    /// Keys naming an entity. Default null: <c>parsl_dfk, parsl_task_id</c> when records have
    /// <c>parsl_task_id</c> (<c>run, parsl_task_id</c> for text logs, which name no DFK), else
    /// <c>run_id, task_id</c>, else <c>task_id</c>, else <c>wq_manager_pid, wq_task_id</c>.
    /// </summary>
    public IReadOnlyList<string>? EntityKeys { get; init; }

    /// <summary>
    /// Keys whose values, after the template, make up a step (the prototype's
    /// <c>msg/logsource/threadName</c>). Default null: <c>component</c> when records have it
    /// (WideEvents' own records: one step per template and process kind, whatever thread ran
    /// it), else the prototype's <c>logsource, threadName</c>, where a missing threadName reads
    /// "no thread".
    /// </summary>
    public IReadOnlyList<string>? StepKeys { get; init; }

    /// <summary>
    /// How alike two entities' sets of distinct steps must be (shared steps over all steps) to
    /// share a shape, when they also ended the same way. Default 0.8: a task that misses a step
    /// or repeats one joins the usual path, and the step's count shows how many had it. 1 puts
    /// only entities with the same steps together.
    /// </summary>
    public double Similarity { get; init; } = 0.8;
}
