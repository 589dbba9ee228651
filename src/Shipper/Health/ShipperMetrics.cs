using System.Collections.Concurrent;

namespace WideEvents.Shipper.Health;

/// <summary>The shipper's health counters, reported periodically as metric records and in status.json.</summary>
internal sealed class ShipperMetrics
{
    private readonly ConcurrentDictionary<string, Func<long>> _lags = new(StringComparer.Ordinal);
    private long _bufferBytes;

    public Counter RecordsIn { get; } = new();

    public Counter BytesIn { get; } = new();

    public Counter RecordsOut { get; } = new();

    public Counter BytesOut { get; } = new();

    public Counter DuplicatesDropped { get; } = new();

    public Counter Retries { get; } = new();

    public Counter Quarantined { get; } = new();

    /// <summary>Records accepted without an <c>@t</c>: allowed by the record contract, but they cannot be placed in time.</summary>
    public Counter RecordsWithoutTime { get; } = new();

    public Counter BufferFullWaits { get; } = new();

    public Counter BufferCommits { get; } = new();

    public Counter RefusedCalls { get; } = new();

    /// <summary>Unavoidable losses reported: a file deleted or rotated away unread, a copytruncate window.</summary>
    public Counter LostEvents { get; } = new();

    /// <summary>Bytes known lost in those (a lower bound: what was written unseen is not known).</summary>
    public Counter LostBytes { get; } = new();

    /// <summary>Failed attempts to write the buffer or the store (a full disk); each is retried.</summary>
    public Counter DiskWriteFailures { get; } = new();

    /// <summary>Ingest batches refused because their sequence jumped too far (nothing of them acknowledged).</summary>
    public Counter RefusedBatches { get; } = new();

    /// <summary>Records a Tail subscriber could not take because its queue was full.</summary>
    public Counter TailDropped { get; } = new();

    public long BufferBytes => Interlocked.Read(ref _bufferBytes);

    public void SetBufferBytes(long bytes) => Interlocked.Exchange(ref _bufferBytes, bytes);

    /// <summary>Registers how far behind a source or sink is, in bytes, read at each report.</summary>
    public void RegisterLag(string name, Func<long> bytesBehind) => _lags[name] = bytesBehind;

    /// <summary>Every metric by its name, lags as <c>lag_bytes.NAME</c>.</summary>
    public SortedDictionary<string, long> Snapshot()
    {
        var values = new SortedDictionary<string, long>(StringComparer.Ordinal)
        {
            ["records_in"] = RecordsIn.Value,
            ["bytes_in"] = BytesIn.Value,
            ["records_out"] = RecordsOut.Value,
            ["bytes_out"] = BytesOut.Value,
            ["duplicates_dropped"] = DuplicatesDropped.Value,
            ["retries"] = Retries.Value,
            ["quarantined"] = Quarantined.Value,
            ["records_without_time"] = RecordsWithoutTime.Value,
            ["buffer_bytes"] = BufferBytes,
            ["buffer_full_waits"] = BufferFullWaits.Value,
            ["buffer_commits"] = BufferCommits.Value,
            ["refused_calls"] = RefusedCalls.Value,
            ["disk_write_failures"] = DiskWriteFailures.Value,
            ["lost_events"] = LostEvents.Value,
            ["lost_bytes"] = LostBytes.Value,
            ["refused_batches"] = RefusedBatches.Value,
            ["tail_dropped"] = TailDropped.Value,
        };
        foreach ((string name, Func<long> lag) in _lags)
        {
            try
            {
                values["lag_bytes." + name] = lag();
            }
            catch (IOException)
            {
                // A file that vanished between listing and stat has no lag to report.
            }
        }

        return values;
    }
}
