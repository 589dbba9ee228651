namespace WideEvents.Emit.Benchmarks;

/// <summary>An Emit writer that only counts: the file handler with the file taken away.</summary>
internal sealed class NullRecordWriter : IRecordWriter
{
    public long Records { get; private set; }

    public long Bytes { get; private set; }

    /// <summary>How many times the drain task woke up with records: records / batches is the batch size.</summary>
    public long Batches { get; private set; }

    public ValueTask WriteAsync(RecordBatch batch, CancellationToken cancellationToken)
    {
        // One drain task calls this at a time, so plain fields are enough.
        Batches++;
        Records += batch.Count;
        foreach (var lines in batch.Lines)
        {
            Bytes += lines.Length;
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask FlushAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
