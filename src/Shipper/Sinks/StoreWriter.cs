using Microsoft.Extensions.Logging;
using WideEvents.Shipper.Configuration;
using WideEvents.Shipper.Health;
using WideEvents.Shipper.Logging;
using WideEvents.Shipper.Records;
using WideEvents.Shipper.Tail;

namespace WideEvents.Shipper.Sinks;

/// <summary>
/// Writes runs of records into a store: JSON-lines files, <c>PREFIX.NNNNNN.jsonl</c> per source,
/// rolled by size, each record exactly once: records at or below a source's high-water sequence
/// are dropped, and the high-water marks are committed with the data (see <see cref="StoreState"/>),
/// so redelivery after any crash of either end leaves one copy. A write returns once its runs
/// are durable. Callers take turns (the buffer's drain and the direct path may share a store).
/// </summary>
internal sealed class StoreWriter : IDisposable
{
    private readonly StoreSinkOptions _options;
    private readonly TailHub _tail;
    private readonly ShipperMetrics _metrics;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _turn = new(1, 1);
    private StoreState _state;
    private readonly Dictionary<string, FileStream> _open = new(StringComparer.Ordinal);

    public StoreWriter(StoreSinkOptions options, TailHub tail, ShipperMetrics metrics, ILogger logger)
    {
        _options = options;
        _tail = tail;
        _metrics = metrics;
        _logger = logger;
        Directory.CreateDirectory(options.Directory);
        _state = new StoreState(options.Directory, options.Fsync);
        Recover();
    }

    /// <summary>
    /// Cuts every current file back to its committed length and removes files started after the
    /// last commit; files the state does not cover are kept whole and appended to.
    /// </summary>
    private void Recover()
    {
        foreach (StoreSourceState unclaimed in _state.Unclaimed.Values)
        {
            ShipperLog.StoreStateRebuilt(_logger, Path.Combine(_options.Directory, unclaimed.Prefix + ".*.jsonl"), unclaimed.Through);
        }

        foreach (StoreSourceState source in _state.Sources.Values)
        {
            string current = FilePath(source, source.FileIndex);
            using (var stream = new FileStream(current, FileMode.OpenOrCreate, FileAccess.Write))
            {
                if (stream.Length != source.Length)
                {
                    ShipperLog.StoreRecovered(_logger, current, stream.Length - source.Length);
                    stream.SetLength(source.Length);
                }
            }

            for (int next = source.FileIndex + 1; File.Exists(FilePath(source, next)); next++)
            {
                File.Delete(FilePath(source, next));
            }
        }
    }

    /// <summary>
    /// Stores the runs durably. A failed write (a full disk) is back-pressure: the store goes back
    /// to its last commit, as after a crash, and tries the runs again with a bounded back-off
    /// while the caller keeps them.
    /// </summary>
    public async Task WriteAsync(IReadOnlyList<RecordRun> batch, CancellationToken stoppingToken)
    {
        await _turn.WaitAsync(stoppingToken).ConfigureAwait(false);
        try
        {
            await WriteWithRetryAsync(batch, stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            _turn.Release();
        }
    }

    private async Task WriteWithRetryAsync(IReadOnlyList<RecordRun> batch, CancellationToken stoppingToken)
    {
        TimeSpan delay = TimeSpan.FromMilliseconds(100);
        for (int failures = 0; ; failures++)
        {
            try
            {
                if (failures > 0)
                {
                    CloseFiles();
                    _state = new StoreState(_options.Directory, _options.Fsync);
                    Recover();
                }

                Store(batch);
                if (failures > 0)
                {
                    ShipperLog.StoreWriteRecovered(_logger, failures);
                }

                return;
            }
            catch (IOException e)
            {
                _metrics.DiskWriteFailures.Increment();
                ShipperLog.StoreWriteFailed(_logger, e.Message, delay.TotalSeconds);
                await Task.Delay(delay, stoppingToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    private void Store(IReadOnlyList<RecordRun> batch)
    {
        // A new source's entry is committed before its first file exists, so that after a crash
        // a file without an entry can only mean a lost state: such files are kept, never cut.
        bool created = false;
        foreach (RecordRun run in batch)
        {
            _state.For(run.SourceId, out bool isNew);
            created |= isNew;
        }

        if (created)
        {
            _state.Save();
        }

        var stored = new List<RecordRun>(batch.Count);
        var touched = new HashSet<FileStream>();
        long records = 0;
        long bytes = 0;
        foreach (RecordRun run in batch)
        {
            StoreSourceState source = _state.For(run.SourceId, out _);
            if (run.After(source.Through) is not { } fresh)
            {
                _metrics.DuplicatesDropped.Add(run.Count);
                continue;
            }

            _metrics.DuplicatesDropped.Add(run.Count - fresh.Count);
            FileStream file = Open(fresh.SourceId, source);
            file.Write(fresh.Lines.Span);
            source.Length += fresh.Lines.Length;
            source.Through = fresh.LastSequence;
            records += fresh.Count;
            bytes += fresh.Lines.Length;
            touched.Add(file);
            stored.Add(fresh);
            if (source.Length >= _options.MaxFileBytes)
            {
                file.Flush(flushToDisk: _options.Fsync);
                touched.Remove(file);
                file.Dispose();
                _open.Remove(fresh.SourceId);
                source.FileIndex++;
                source.Length = 0;
                _open[fresh.SourceId] = new FileStream(FilePath(source, source.FileIndex), FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1 << 16);
            }
        }

        foreach (FileStream file in touched)
        {
            file.Flush(flushToDisk: _options.Fsync);
        }

        if (stored.Count > 0)
        {
            _state.Save();
        }

        _metrics.RecordsOut.Add(records);
        _metrics.BytesOut.Add(bytes);
        _tail.Publish(stored);
    }

    private FileStream Open(string sourceId, StoreSourceState source)
    {
        if (_open.TryGetValue(sourceId, out FileStream? file))
        {
            return file;
        }

        // Never FileMode.Create: whatever a file holds beyond the committed length was cut at start.
        file = new FileStream(FilePath(source, source.FileIndex), FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read, 1 << 16);
        file.Position = source.Length;
        _open[sourceId] = file;
        return file;
    }

    private string FilePath(StoreSourceState source, int index) => Path.Combine(_options.Directory, StoreFileRecovery.FileName(source.Prefix, index));

    /// <summary>Closes every file; what a failed write left unflushed is dropped, as it was never committed.</summary>
    private void CloseFiles()
    {
        foreach (FileStream file in _open.Values)
        {
            try
            {
                file.Dispose();
            }
            catch (IOException)
            {
            }
        }

        _open.Clear();
    }

    public void Dispose()
    {
        CloseFiles();
        _turn.Dispose();
    }
}
