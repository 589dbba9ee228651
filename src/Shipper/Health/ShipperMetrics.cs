using System.Collections.Concurrent;

namespace WideEvents.Shipper.Health;

/// <summary>The shipper's health counters, reported periodically as metric records and in status.json.</summary>
internal sealed class ShipperMetrics
{
    /// <summary>The prefix of the lag metrics' names in <see cref="Snapshot"/>.</summary>
    public const string LagPrefix = "lag_bytes.";

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

    /// <summary>The counters (each only ever grows) by their metric name.</summary>
    public IReadOnlyList<KeyValuePair<string, Counter>> Counters() =>
    [
        new("records_in", RecordsIn),
        new("bytes_in", BytesIn),
        new("records_out", RecordsOut),
        new("bytes_out", BytesOut),
        new("duplicates_dropped", DuplicatesDropped),
        new("retries", Retries),
        new("quarantined", Quarantined),
        new("records_without_time", RecordsWithoutTime),
        new("buffer_full_waits", BufferFullWaits),
        new("buffer_commits", BufferCommits),
        new("refused_calls", RefusedCalls),
        new("disk_write_failures", DiskWriteFailures),
        new("lost_events", LostEvents),
        new("lost_bytes", LostBytes),
        new("refused_batches", RefusedBatches),
        new("tail_dropped", TailDropped),
    ];

    /// <summary>How far behind each registered source or sink is, in bytes, read now.</summary>
    public IEnumerable<KeyValuePair<string, long>> Lags()
    {
        foreach ((string name, Func<long> lag) in _lags)
        {
            long bytes;
            try
            {
                bytes = lag();
            }
            catch (IOException)
            {
                // A file that vanished between listing and stat has no lag to report.
                continue;
            }

            yield return new(name, bytes);
        }
    }

    /// <summary>Every metric by its name, lags as <c>lag_bytes.NAME</c>.</summary>
    public SortedDictionary<string, long> Snapshot()
    {
        var values = new SortedDictionary<string, long>(StringComparer.Ordinal) { ["buffer_bytes"] = BufferBytes };
        foreach ((string name, Counter counter) in Counters())
        {
            values[name] = counter.Value;
        }

        foreach ((string name, long bytes) in Lags())
        {
            values[LagPrefix + name] = bytes;
        }

        return values;
    }
}
