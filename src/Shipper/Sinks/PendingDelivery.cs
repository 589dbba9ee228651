using WideEvents.Contracts.V1;
using WideEvents.Shipper.Buffer;
using WideEvents.Shipper.Records;

namespace WideEvents.Shipper.Sinks;

/// <summary>
/// Records read from the buffer for a gRPC sink and not yet acknowledged. Acknowledgements are
/// cumulative per source; the buffer position that can be committed is the end of the longest
/// acknowledged prefix, so the cursor moves in order however sources interleave. A retry
/// resends only what is still unacknowledged.
/// </summary>
internal sealed class PendingDelivery(List<BufferedRecord> records)
{
    private readonly Dictionary<string, ulong> _acknowledged = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _front;

    public bool Complete
    {
        get
        {
            lock (_gate)
            {
                return _front == records.Count;
            }
        }
    }

    /// <summary>
    /// Batches of the unacknowledged records: runs of one source with consecutive sequences, each
    /// within the record and byte limits (a receiver refuses messages above its maximum size).
    /// </summary>
    public List<RecordBatch> Batches(int maxRecordsPerBatch, long maxBytesPerBatch)
    {
        var batches = new List<RecordBatch>();
        RecordBatch? current = null;
        ulong expected = 0;
        long bytes = 0;
        lock (_gate)
        {
            for (int i = _front; i < records.Count; i++)
            {
                SourcedRecord record = records[i].Record;
                if (record.Sequence <= _acknowledged.GetValueOrDefault(record.SourceId))
                {
                    continue;
                }

                if (current is null || current.SourceId != record.SourceId || record.Sequence != expected
                    || current.Records.Count >= maxRecordsPerBatch || bytes + record.Json.Length > maxBytesPerBatch)
                {
                    current = new RecordBatch { SourceId = record.SourceId, FirstSequence = record.Sequence };
                    batches.Add(current);
                    bytes = 0;
                }

                bytes += record.Json.Length;
                current.Records.Add(Google.Protobuf.UnsafeByteOperations.UnsafeWrap(record.Json));
                expected = record.Sequence + 1;
            }
        }

        return batches;
    }

    /// <summary>Applies an acknowledgement; returns the position to commit and how many records (and bytes) it newly covers, if any.</summary>
    public (BufferPosition Position, int Records, long Bytes)? Acknowledge(Ack ack)
    {
        lock (_gate)
        {
            if (ack.DurableThrough > _acknowledged.GetValueOrDefault(ack.SourceId))
            {
                _acknowledged[ack.SourceId] = ack.DurableThrough;
            }

            int start = _front;
            long bytes = 0;
            while (_front < records.Count && records[_front].Record.Sequence <= _acknowledged.GetValueOrDefault(records[_front].Record.SourceId))
            {
                bytes += records[_front].Record.Json.Length;
                _front++;
            }

            return _front == start ? null : (records[_front - 1].Next, _front - start, bytes);
        }
    }
}
