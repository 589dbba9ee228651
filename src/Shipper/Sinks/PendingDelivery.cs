using WideEvents.Contracts.V1;
using WideEvents.Shipper.Buffer;
using WideEvents.Shipper.Records;

namespace WideEvents.Shipper.Sinks;

/// <summary>
/// Runs read from the buffer for a gRPC sink and not yet acknowledged. Acknowledgements are
/// cumulative per source; the buffer position that can be committed is the end of the longest
/// fully acknowledged prefix of runs, so the cursor moves in order however sources interleave. A
/// retry resends only what is still unacknowledged, cutting a partly acknowledged run.
/// </summary>
internal sealed class PendingDelivery(List<BufferedRun> runs)
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
                return _front == runs.Count;
            }
        }
    }

    /// <summary>
    /// The unacknowledged records as messages, each carrying its records' lines in one bytes value:
    /// consecutive runs of one source are joined into one message up to the record and byte limits
    /// a receiver may set (a run longer than those is cut), because every message costs both ends
    /// wake-ups and an acknowledgement whatever its size.
    /// </summary>
    public List<RecordBatch> Batches(int maxRecordsPerBatch, long maxBytesPerBatch)
    {
        var batches = new List<RecordBatch>();
        var joined = new List<RecordRun>();
        int records = 0;
        long bytes = 0;
        lock (_gate)
        {
            for (int i = _front; i < runs.Count; i++)
            {
                if (runs[i].Run.After(_acknowledged.GetValueOrDefault(runs[i].Run.SourceId)) is not { } unacknowledged)
                {
                    continue;
                }

                foreach (RecordRun piece in unacknowledged.Split(maxRecordsPerBatch, maxBytesPerBatch))
                {
                    bool follows = joined.Count > 0 && joined[^1].SourceId == piece.SourceId && joined[^1].LastSequence + 1 == piece.FirstSequence;
                    if (!follows || records + piece.Count > maxRecordsPerBatch || bytes + piece.Lines.Length > maxBytesPerBatch)
                    {
                        Flush(joined, batches);
                        records = 0;
                        bytes = 0;
                    }

                    joined.Add(piece);
                    records += piece.Count;
                    bytes += piece.Lines.Length;
                }
            }
        }

        Flush(joined, batches);
        return batches;
    }

    /// <summary>Makes one message of <paramref name="joined"/> (consecutive runs of one source) and clears it.</summary>
    private static void Flush(List<RecordRun> joined, List<RecordBatch> batches)
    {
        if (joined.Count == 0)
        {
            return;
        }

        RecordRun run = RecordRun.Join(joined);
        batches.Add(new RecordBatch
        {
            SourceId = run.SourceId,
            FirstSequence = run.FirstSequence,
            Lines = Google.Protobuf.UnsafeByteOperations.UnsafeWrap(run.Lines),
        });
        joined.Clear();
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
            int records = 0;
            long bytes = 0;
            while (_front < runs.Count && runs[_front].Run.LastSequence <= _acknowledged.GetValueOrDefault(runs[_front].Run.SourceId))
            {
                records += runs[_front].Run.Count;
                bytes += runs[_front].Run.Lines.Length;
                _front++;
            }

            return _front == start ? null : (runs[_front - 1].Next, records, bytes);
        }
    }
}
