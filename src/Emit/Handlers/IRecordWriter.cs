namespace WideEvents.Emit;

/// <summary>
/// A destination for records, each the UTF-8 bytes of one CLEF JSON object. A writer is called from one background task at a time, never from the
/// thread that logs, so it may block on I/O.
/// </summary>
public interface IRecordWriter : IAsyncDisposable
{
    /// <summary>
    /// Writes a batch. A writer that can recover (a socket that reconnects) should retry
    /// inside this call until <paramref name="cancellationToken"/> fires; an exception means the
    /// batch is lost, and is reported once on stderr and counted.
    /// </summary>
    ValueTask WriteAsync(RecordBatch batch, CancellationToken cancellationToken);

    /// <summary>Called when the queue has been drained: push buffered bytes to their destination.</summary>
    ValueTask FlushAsync(CancellationToken cancellationToken);
}
