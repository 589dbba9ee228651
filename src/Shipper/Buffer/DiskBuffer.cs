using System.Buffers;
using System.Globalization;
using Microsoft.Extensions.Logging;
using WideEvents.Shipper.Configuration;
using WideEvents.Shipper.Health;
using WideEvents.Shipper.Hosting;
using WideEvents.Shipper.Logging;
using WideEvents.Shipper.Records;

namespace WideEvents.Shipper.Buffer;

/// <summary>
/// The on-disk queue between sources and sinks: append-only segment files of CRC-framed
/// runs of records (<see cref="RunFrame"/>). An append completes only once its records are durable per the fsync policy, so a
/// source may checkpoint or acknowledge after awaiting it. Appends that arrive while an fsync
/// runs share the next one (group commit). Each sink reads with its own cursor; a segment is
/// deleted once every cursor has passed it. When the buffer holds its maximum, appends wait:
/// sources stop reading rather than drop. A failed write (a full disk) is back-pressure too:
/// appends wait while the commit loop retries with a bounded back-off, and go on by themselves
/// once the write succeeds.
/// </summary>
internal sealed class DiskBuffer : IRunDestination, IAsyncDisposable
{
    private const string SegmentSuffix = ".run";

    /// <summary>Segments of the record-per-frame format before runs; read by no version that writes runs.</summary>
    private const string OldSegmentSuffix = ".seg";
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);

    private readonly string _directory;
    private readonly BufferOptions _options;
    private readonly ShipperMetrics _metrics;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly SortedDictionary<ulong, long> _segments = [];
    private readonly Dictionary<string, BufferReader> _readers = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _commitSignal = new(0);
    private readonly CancellationTokenSource _stop = new();
    private ArrayBufferWriter<byte> _pending = new(1 << 20);
    private ArrayBufferWriter<byte> _spare = new(1 << 20);
    private TaskCompletionSource _pendingDurable = NewSignal();
    private TaskCompletionSource _dataAvailable = NewSignal();
    private TaskCompletionSource _spaceAvailable = NewSignal();
    private bool _commitRequested;
    private long _sizeBytes;
    private FileStream _segment;
    private ulong _segmentId;
    private BufferPosition _durable;
    private bool _stalled;
    private int _disposed;
    private readonly Task _commitLoop;

    public DiskBuffer(string directory, BufferOptions options, IEnumerable<string> readerNames, ShipperMetrics metrics, ILogger<DiskBuffer> logger)
    {
        _directory = directory;
        _options = options;
        _metrics = metrics;
        _logger = logger;
        _options.MaxBytes = Math.Max(_options.MaxBytes, 16L << 20);
        _options.SegmentBytes = Math.Clamp(_options.SegmentBytes, 1L << 20, _options.MaxBytes / 4);
        Directory.CreateDirectory(directory);
        if (Directory.EnumerateFiles(directory, "*" + OldSegmentSuffix).Any())
        {
            // Never delete or misread what an older version left unshipped: the operator decides.
            throw new InvalidDataException($"The buffer {directory} holds segments (*{OldSegmentSuffix}) written by an older wide-shipper, one frame per record. Let that version ship them (run it until its buffer is empty), or move them away, then start this one.");
        }

        foreach (string path in Directory.EnumerateFiles(directory, "*" + SegmentSuffix))
        {
            if (ulong.TryParse(Path.GetFileNameWithoutExtension(path), NumberStyles.None, CultureInfo.InvariantCulture, out ulong id))
            {
                _segments[id] = new FileInfo(path).Length;
            }
        }

        FitSegmentsToVolume();

        if (_segments.Count == 0)
        {
            _segments[1] = 0;
            using (File.Create(SegmentPath(1)))
            {
            }

            SyncDirectoryIfDurable();
        }

        _segmentId = _segments.Keys.Max();
        long recovered = SegmentRecovery.ValidLength(SegmentPath(_segmentId));
        if (recovered != _segments[_segmentId])
        {
            ShipperLog.BufferIncompleteTail(_logger, _segmentId, _segments[_segmentId] - recovered);
            _segments[_segmentId] = recovered;
        }

        _segment = new FileStream(SegmentPath(_segmentId), FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 0);
        _segment.SetLength(recovered);
        _segment.Position = recovered;
        _durable = new BufferPosition(_segmentId, recovered);
        _sizeBytes = _segments.Values.Sum();
        BufferPosition oldest = new(_segments.Keys.Min(), 0);
        foreach (string name in readerNames)
        {
            BufferPosition cursor = BufferCursorFile.Load(CursorPath(name)) ?? oldest;
            if (cursor < oldest || cursor > _durable)
            {
                cursor = oldest;
            }

            _readers[name] = new BufferReader(this, name, cursor);
        }

        ReleaseConsumedSegments();
        _metrics.SetBufferBytes(_sizeBytes);
        _commitLoop = Task.Run(CommitLoopAsync);
    }

    /// <summary>The reader (cursor) of the sink named <paramref name="name"/>.</summary>
    public BufferReader Reader(string name) => _readers[name];

    /// <summary>Bytes in the buffer's segment files and not yet written.</summary>
    public long SizeBytes
    {
        get
        {
            lock (_gate)
            {
                return _sizeBytes;
            }
        }
    }

    /// <summary>Appends runs of records and waits until they are durable.</summary>
    public async Task AppendAsync(IReadOnlyList<RecordRun> runs, CancellationToken cancellationToken)
    {
        Task durable = await EnqueueAsync(runs, cancellationToken).ConfigureAwait(false);
        await durable.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Queues runs for the next write, waiting while the buffer is full. Returns a task that
    /// completes when they are durable; runs queued by successive calls become durable in order.
    /// The runs' bytes are copied before this returns, so the caller may reuse them at once.
    /// </summary>
    public async ValueTask<Task> EnqueueAsync(IReadOnlyList<RecordRun> runs, CancellationToken cancellationToken)
    {
        if (runs.Count == 0)
        {
            return Task.CompletedTask;
        }

        long bytes = 0;
        foreach (RecordRun run in runs)
        {
            bytes += RunFrame.SizeOf(run);
        }

        bool reportedFull = false;
        while (true)
        {
            Task waitForSpace;
            bool stalled;
            lock (_gate)
            {
                stalled = _stalled;
                if (!stalled && _sizeBytes + bytes <= _options.MaxBytes)
                {
                    foreach (RecordRun run in runs)
                    {
                        RunFrame.Write(_pending, run);
                    }

                    _sizeBytes += bytes;
                    _metrics.SetBufferBytes(_sizeBytes);
                    if (!_commitRequested)
                    {
                        _commitRequested = true;
                        _commitSignal.Release();
                    }

                    return _pendingDurable.Task;
                }

                waitForSpace = _spaceAvailable.Task;
            }

            if (!reportedFull)
            {
                // A stalled write is logged once by the commit loop; a full buffer here.
                reportedFull = true;
                _metrics.BufferFullWaits.Increment();
                if (!stalled)
                {
                    ShipperLog.BufferFull(_logger, _options.MaxBytes);
                }
            }

            await waitForSpace.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task CommitLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await _commitSignal.WaitAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            CommitPending();
        }

        CommitPending();
    }

    private void CommitPending()
    {
        ArrayBufferWriter<byte> batch;
        TaskCompletionSource done;
        lock (_gate)
        {
            if (_pending.WrittenCount == 0)
            {
                _commitRequested = false;
                return;
            }

            batch = _pending;
            _pending = _spare;
            done = _pendingDurable;
            _pendingDurable = NewSignal();
            _commitRequested = false;
        }

        if (WriteDurably(batch.WrittenSpan))
        {
            TaskCompletionSource readersSignal;
            lock (_gate)
            {
                _durable = new BufferPosition(_segmentId, _segment.Position);
                _segments[_segmentId] = _segment.Position;
                readersSignal = _dataAvailable;
                _dataAvailable = NewSignal();
            }

            _metrics.BufferCommits.Increment();
            if (_segment.Position >= _options.SegmentBytes)
            {
                TryRoll();
            }

            readersSignal.TrySetResult();
            done.TrySetResult();
        }
        else
        {
            done.TrySetException(new IOException("The shipper stopped while the disk buffer could not write; these records were not acknowledged."));
        }

        batch.ResetWrittenCount();
        lock (_gate)
        {
            _spare = batch;
        }
    }

    /// <summary>
    /// Writes and (per policy) fsyncs at the durable end, retrying a failed write with a bounded
    /// back-off until it succeeds or the buffer stops; appends wait meanwhile. A failed attempt is
    /// cut off before the next, so nothing half-written stays between frames.
    /// </summary>
    private bool WriteDurably(ReadOnlySpan<byte> frames)
    {
        TimeSpan delay = FirstRetryDelay;
        for (int failures = 0; ; failures++)
        {
            try
            {
                if (failures > 0)
                {
                    _segment.SetLength(_durable.Offset);
                    _segment.Position = _durable.Offset;
                }

                _segment.Write(frames);
                _segment.Flush(flushToDisk: _options.Fsync == FsyncPolicy.GroupCommit);
                if (failures > 0)
                {
                    Unstall(failures);
                }

                return true;
            }
            catch (IOException e)
            {
                _metrics.DiskWriteFailures.Increment();
                if (failures == 0)
                {
                    lock (_gate)
                    {
                        _stalled = true;
                    }

                    ShipperLog.BufferWriteStalled(_logger, e.Message);
                }

                // Sinks may have passed everything written: a new segment lets the old one be deleted, freeing its space.
                if (_durable.Offset > 0)
                {
                    TryRoll();
                }

                if (_stop.Token.WaitHandle.WaitOne(delay))
                {
                    return false;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
            }
        }
    }

    private void Unstall(int failures)
    {
        TaskCompletionSource space;
        lock (_gate)
        {
            _stalled = false;
            space = _spaceAvailable;
            _spaceAvailable = NewSignal();
        }

        ShipperLog.BufferWriteRecovered(_logger, failures);
        space.TrySetResult();
    }

    /// <summary>Keeps a segment a small part of the volume, so whole consumed segments can be deleted before the disk fills.</summary>
    private void FitSegmentsToVolume()
    {
        long room;
        try
        {
            room = new DriveInfo(_directory).AvailableFreeSpace + _segments.Values.Sum();
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return;
        }

        long fit = Math.Max(1L << 20, room / 8);
        if (_options.SegmentBytes > fit)
        {
            ShipperLog.BufferSegmentsFitted(_logger, _options.SegmentBytes, fit, room);
            _options.SegmentBytes = fit;
        }
    }

    /// <summary>Starts the next segment; when that fails (no space, no inode), the current one grows on and the roll is tried again later.</summary>
    private void TryRoll()
    {
        ulong next = _segmentId + 1;
        FileStream stream;
        try
        {
            _segment.SetLength(_durable.Offset);
            stream = new FileStream(SegmentPath(next), FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 0);
        }
        catch (IOException)
        {
            return;
        }

        // The segment's records are acknowledged once their data is fsynced, so its name must be durable before.
        try
        {
            SyncDirectoryIfDurable();
        }
        catch (IOException)
        {
            stream.Dispose();
            File.Delete(SegmentPath(next));
            return;
        }

        _segment.Dispose();
        lock (_gate)
        {
            _segment = stream;
            _segmentId = next;
            _segments[next] = 0;
            _durable = new BufferPosition(next, 0);
        }

        ReleaseConsumedSegments();
    }

    /// <summary>What a reader at <paramref name="position"/> may read now, and what to wait for when nothing.</summary>
    internal ReadWindow Window(BufferPosition position)
    {
        lock (_gate)
        {
            ulong oldest = _segments.Keys.First();
            if (position.Segment < oldest || !_segments.TryGetValue(position.Segment, out long length))
            {
                position = new BufferPosition(Math.Max(oldest, position.Segment), 0);
                length = _segments.GetValueOrDefault(position.Segment);
            }

            bool closed = position.Segment != _segmentId;
            long end = closed ? length : _durable.Offset;
            return new ReadWindow(position, end, closed, _dataAvailable.Task);
        }
    }

    private void SyncDirectoryIfDurable()
    {
        if (_options.Fsync == FsyncPolicy.GroupCommit)
        {
            DurableFiles.SyncDirectory(_directory);
        }
    }

    internal string SegmentPath(ulong id) => Path.Combine(_directory, id.ToString("D20", CultureInfo.InvariantCulture) + SegmentSuffix);

    internal string CursorPath(string readerName) => Path.Combine(_directory, "cursor." + readerName);

    /// <summary>Bytes between a reader's committed cursor and the end of durable data.</summary>
    internal long BytesBehind(BufferPosition committed)
    {
        lock (_gate)
        {
            long behind = 0;
            foreach ((ulong id, long length) in _segments)
            {
                if (id > committed.Segment)
                {
                    behind += id == _segmentId ? _durable.Offset : length;
                }
                else if (id == committed.Segment)
                {
                    behind += (id == _segmentId ? _durable.Offset : length) - committed.Offset;
                }
            }

            return behind;
        }
    }

    /// <summary>Deletes segments that every reader has passed, and wakes appenders waiting for space.</summary>
    internal void ReleaseConsumedSegments()
    {
        List<ulong> deletable = [];
        TaskCompletionSource? space = null;
        lock (_gate)
        {
            if (_readers.Count == 0)
            {
                return;
            }

            ulong keepFrom = _readers.Values.Min(r => r.Committed.Segment);
            foreach (ulong id in _segments.Keys)
            {
                if (id < keepFrom && id != _segmentId)
                {
                    deletable.Add(id);
                }
            }

            foreach (ulong id in deletable)
            {
                _sizeBytes -= _segments[id];
                _segments.Remove(id);
            }

            if (deletable.Count > 0)
            {
                space = _spaceAvailable;
                _spaceAvailable = NewSignal();
                _metrics.SetBufferBytes(_sizeBytes);
            }
        }

        foreach (ulong id in deletable)
        {
            File.Delete(SegmentPath(id));
        }

        space?.TrySetResult();
    }

    /// <summary>Stops the commit loop once (the container disposes the buffer under each name it is registered as).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _commitLoop.ConfigureAwait(false);
        foreach (BufferReader reader in _readers.Values)
        {
            reader.Dispose();
        }

        await _segment.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
        _commitSignal.Dispose();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
