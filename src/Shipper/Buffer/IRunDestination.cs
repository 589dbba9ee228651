using WideEvents.Shipper.Records;

namespace WideEvents.Shipper.Buffer;

/// <summary>
/// Where sources put the runs they take in: the disk buffer, or the store itself when a store is
/// the only sink (<see cref="Sinks.DirectStore"/>). Either way a source checkpoints or
/// acknowledges only once the task it gets back has completed: the runs are durable then.
/// </summary>
internal interface IRunDestination
{
    /// <summary>
    /// Queues runs for the next durable write, waiting while there is no room. Returns a task
    /// that completes when they are durable; runs queued by successive calls become durable in
    /// order. The runs list may be reused once this returns.
    /// </summary>
    ValueTask<Task> EnqueueAsync(IReadOnlyList<RecordRun> runs, CancellationToken cancellationToken);

    /// <summary>Queues runs and waits until they are durable.</summary>
    async Task AppendAsync(IReadOnlyList<RecordRun> runs, CancellationToken cancellationToken)
    {
        Task durable = await EnqueueAsync(runs, cancellationToken).ConfigureAwait(false);
        await durable.WaitAsync(cancellationToken).ConfigureAwait(false);
    }
}
