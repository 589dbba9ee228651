using Microsoft.Extensions.FileSystemGlobbing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;
using WideEvents.Shipper.Buffer;
using WideEvents.Shipper.Configuration;
using WideEvents.Shipper.Health;
using WideEvents.Shipper.Logging;
using WideEvents.Shipper.Records;

namespace WideEvents.Shipper.Sources;

/// <summary>
/// Tails JSON-lines files matching globs, files created later included, each known as
/// <see cref="FileIdentifier"/> decides. A file's handle is kept open, so a file renamed away is read to its end;
/// truncation (shorter than the offset, or different first bytes) starts a new source at 0.
/// Records reach the buffer, durably, before the checkpoint moves past them.
/// </summary>
internal sealed class FileTailSource : BackgroundService
{
    private const long MaxBytesPerFilePerPoll = 8L << 20;
    private const int MaxChunksInFlight = 4;

    private readonly FileSourceOptions _options;
    private readonly string _baseDirectory;
    private readonly IRunDestination _buffer;
    private readonly CheckpointStore _checkpoints;
    private readonly LineIntake _intake;
    private readonly TimeProvider _time;
    private readonly ShipperMetrics _metrics;
    private readonly ILogger _logger;
    private readonly Matcher _matcher = new();
    private readonly PathFieldPattern? _pathPattern;
    private readonly FileIdentifier _identifier;
    private readonly Dictionary<FileKey, TailedFile> _files = [];
    private readonly byte[] _chunk;
    private readonly RunBuilder _runs = new();
    private bool _checkpointsUnsaved;
    private bool _lookedForMissingFiles;

    public FileTailSource(FileSourceOptions options, string baseDirectory, string dataDirectory, IRunDestination buffer, LineIntake intake, ShipperMetrics metrics, TimeProvider time, ILogger<FileTailSource> logger)
    {
        _options = options;
        _baseDirectory = baseDirectory;
        _buffer = buffer;
        _intake = intake;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _checkpoints = new CheckpointStore(CheckpointStore.PathFor(dataDirectory, options.Name));
        _identifier = new FileIdentifier(_checkpoints, options.FingerprintBytes, intake.MaxLineBytes, time, Superseded);
        _matcher.AddIncludePatterns(options.Include);
        _matcher.AddExcludePatterns(options.Exclude);
        _pathPattern = string.IsNullOrEmpty(options.PathPattern) ? null : new PathFieldPattern(options.PathPattern);
        _chunk = new byte[Math.Max(1 << 20, intake.MaxLineBytes + 2)];
        metrics.RegisterLag("file:" + options.Name, () =>
        {
            lock (_files)
            {
                return _files.Values.Sum(f => Math.Max(0, f.Length - f.Checkpoint.Offset));
            }
        });
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            bool progressed;
            try
            {
                Discover();
                progressed = await ReadAllAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }

            if (!progressed)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(_options.PollMilliseconds), _time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private void Discover()
    {
        var present = new HashSet<FileKey>();
        foreach (string path in _matcher.GetResultsInFullPath(_baseDirectory))
        {
            if (!UnixFileStat.TryStat(path, out FileKey key))
            {
                continue;
            }

            present.Add(key);
            if (_files.TryGetValue(key, out TailedFile? known))
            {
                known.RotatedAway = false;
                known.Checkpoint.Path = path;
                continue;
            }

            TryOpen(path);
        }

        DateTimeOffset forgetBefore = _time.GetUtcNow() - TimeSpan.FromHours(_options.CheckpointRetentionHours);
        if (_checkpoints.Entries.RemoveAll(c => c.LastSeen < forgetBefore && !_files.Values.Any(f => f.Checkpoint == c)) > 0)
        {
            _checkpoints.Save();
        }

        foreach (TailedFile file in _files.Values)
        {
            if (!present.Contains(file.Key) && !file.RotatedAway)
            {
                file.RotatedAway = true;
                ShipperLog.FileRotatedAway(_logger, file.Checkpoint.Path, file.Checkpoint.SourceId);
            }
        }

        if (!_lookedForMissingFiles)
        {
            _lookedForMissingFiles = true;
            FollowMissingFiles();
        }
    }

    /// <summary>
    /// Once, after the first look at the globs: a file checkpointed but not read to its end, and
    /// no longer where it was, was rotated (or deleted) while the shipper was down. Its rest is
    /// read from its rotated name first; when it is nowhere, the loss is reported.
    /// </summary>
    private void FollowMissingFiles()
    {
        bool changed = false;
        foreach (FileCheckpoint checkpoint in _checkpoints.Entries.Where(c => c.Closed != true && !_files.Values.Any(f => f.Checkpoint == c)).ToList())
        {
            if (UnixFileStat.TryStat(checkpoint.Path, out FileKey key) && key == new FileKey(checkpoint.Device, checkpoint.Inode))
            {
                continue; // still there, only not opened this time
            }

            if (!Follow(checkpoint, "renamed while the shipper was down"))
            {
                ReportLoss(checkpoint, "it was deleted or rotated away while the shipper was down, and is not beside its path under a rotated name", 0);
            }

            changed = true;
        }

        if (changed)
        {
            SaveCheckpoints();
        }
    }

    /// <summary>A new checkpoint replaced this one at its inode: the file was truncated or replaced while the shipper was down.</summary>
    private void Superseded(FileCheckpoint checkpoint)
    {
        if (!Follow(checkpoint, "truncated or replaced while the shipper was down (a copy of it)"))
        {
            ReportLoss(checkpoint, "the file was truncated or replaced while the shipper was down, and no copy of it is beside it", 0);
        }
    }

    /// <summary>
    /// Opens where the rest of <paramref name="checkpoint"/> went (see <see cref="RotatedFileFinder"/>) to be read
    /// to its end as the same source; true also when a copy shows nothing of it was unread.
    /// </summary>
    private bool Follow(FileCheckpoint checkpoint, string why)
    {
        if (RotatedFileFinder.Find(checkpoint, _files.ContainsKey) is not { } found)
        {
            return false;
        }

        if (found.Length == checkpoint.Offset && found.Key != new FileKey(checkpoint.Device, checkpoint.Inode))
        {
            found.Handle.Dispose();
            checkpoint.Closed = true;
            return true;
        }

        string original = checkpoint.Path;
        ShipperLog.FileFollowed(_logger, original, checkpoint.SourceId, found.Path, why, checkpoint.Offset);
        checkpoint.Device = found.Key.Device;
        checkpoint.Inode = found.Key.Inode;
        checkpoint.Path = found.Path;
        checkpoint.Closed = false;
        var file = new TailedFile(found.Key, found.Handle, checkpoint, Target(checkpoint, original)) { Length = found.Length, LastGrowth = _time.GetUtcNow(), RotatedAway = true };
        lock (_files)
        {
            _files[found.Key] = file;
        }

        return true;
    }

    /// <summary>Reports data the shipper could not read, with what is known of its size; the checkpoint is then closed.</summary>
    private void ReportLoss(FileCheckpoint checkpoint, string why, long knownBytes)
    {
        if (checkpoint.Closed is null)
        {
            ShipperLog.FileGoneUnknown(_logger, checkpoint.Path, checkpoint.SourceId, checkpoint.Offset);
            checkpoint.Closed = true;
            return;
        }

        long records = knownBytes > 0 && checkpoint.Offset > 0 && checkpoint.NextSequence > 1 ? (long)((ulong)knownBytes * (checkpoint.NextSequence - 1) / (ulong)checkpoint.Offset) : 0;
        ShipperLog.FileDataLost(_logger, checkpoint.Path, checkpoint.SourceId, checkpoint.Offset, checkpoint.NextSequence, why, knownBytes, records);
        _metrics.LostEvents.Increment();
        _metrics.LostBytes.Add(knownBytes);
        checkpoint.Closed = true;
    }

    private void TryOpen(string path)
    {
        SafeFileHandle? handle = null;
        FileKey key;
        long length;
        FileCheckpoint? checkpoint;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            key = UnixFileStat.Of(handle);
            length = RandomAccess.GetLength(handle);
            checkpoint = _files.ContainsKey(key) ? null : _identifier.Identify(handle, key, path, length, c => _files.Values.Any(f => f.Checkpoint == c));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ShipperLog.FileOpenFailed(_logger, path, e.Message);
            handle?.Dispose();
            return;
        }

        if (checkpoint is null)
        {
            handle.Dispose();
            return;
        }

        var file = new TailedFile(key, handle, checkpoint, Target(checkpoint, path)) { Length = length, LastGrowth = _time.GetUtcNow() };
        lock (_files)
        {
            _files[key] = file;
        }

        ShipperLog.FileOpened(_logger, path, checkpoint.SourceId, checkpoint.Offset);
    }

    private IntakeTarget Target(FileCheckpoint checkpoint, string path)
    {
        var fields = new List<KeyValuePair<string, string>>(_options.Fields);
        if (_pathPattern is not null)
        {
            fields.AddRange(_pathPattern.Extract(Path.GetRelativePath(_baseDirectory, path)));
        }

        if (!string.IsNullOrEmpty(_options.PathField))
        {
            fields.Add(new KeyValuePair<string, string>(_options.PathField, path));
        }

        return new IntakeTarget(_options.Name, checkpoint.SourceId, path, new WideningFields(fields), checkpoint.NextSequence) { Format = _options.Format };
    }

    private async Task<bool> ReadAllAsync(CancellationToken cancellationToken)
    {
        bool progressed = false;
        if (_checkpointsUnsaved)
        {
            SaveCheckpoints();
        }

        foreach (TailedFile file in _files.Values.ToList())
        {
            try
            {
                bool read = await ReadFileAsync(file, cancellationToken).ConfigureAwait(false);
                progressed |= read;
                if (!read && file.RotatedAway && Idle(file) && file.Checkpoint.Offset < file.Length)
                {
                    await TakeUnterminatedLastLineAsync(file, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (IOException e) when (cancellationToken.IsCancellationRequested)
            {
                // Stopping while the buffer could not write: nothing of this read was acknowledged, and it is no read error.
                ShipperLog.FileReadInterrupted(_logger, file.Checkpoint.Path, e.Message);
            }
            catch (IOException e)
            {
                // One unreadable file must not stop the others; it is tried again at the next poll.
                ShipperLog.FileReadFailed(_logger, file.Checkpoint.Path, e.Message);
            }

            if (file.RotatedAway && file.Checkpoint.Offset >= file.Length && Idle(file))
            {
                ShipperLog.FileClosed(_logger, file.Checkpoint.Path, file.Checkpoint.SourceId);
                file.Checkpoint.Closed = true;
                SaveCheckpoints();
                lock (_files)
                {
                    _files.Remove(file.Key);
                }

                file.Dispose();
            }
        }

        return progressed;
    }

    /// <summary>Whether a file has not grown for <see cref="FileSourceOptions.RotatedFileSeconds"/> (judged after this poll's read, which notes growth).</summary>
    private bool Idle(TailedFile file) => _time.GetUtcNow() - file.LastGrowth > TimeSpan.FromSeconds(_options.RotatedFileSeconds);

    private async Task<bool> ReadFileAsync(TailedFile file, CancellationToken cancellationToken)
    {
        long length = RandomAccess.GetLength(file.Handle);
        if (length > file.Length)
        {
            file.LastGrowth = _time.GetUtcNow();
        }

        // A text log's last entry may still get lines (a traceback) until the file has been still this long.
        bool still = _time.GetUtcNow() - file.LastGrowth >= TimeSpan.FromMilliseconds(_options.EntryWaitMilliseconds);
        long lastSeenLength = file.Length;
        file.Length = length;
        if (length < file.Checkpoint.Offset || !FileFingerprint.Matches(file.Handle, length, file.Checkpoint))
        {
            // copytruncate: what was written after the last read is only in the copy. Read it from
            // there when the copy is beside the file; otherwise say what is lost.
            FileCheckpoint old = file.Checkpoint;
            ShipperLog.FileTruncated(_logger, old.Path, old.SourceId, old.Offset, length);
            bool followed = Follow(old, "truncated (copytruncate); this is its copy");
            if (!followed)
            {
                ReportLoss(old, "the file was truncated (copytruncate) and no copy of it is beside it", Math.Max(0, lastSeenLength - old.Offset));
            }

            file.Checkpoint = _identifier.StartNew(file.Handle, file.Key, old.Path, length, null, followed ? null : old);
            file.Target = Target(file.Checkpoint, file.Checkpoint.Path);
        }

        // Reading runs ahead of durability by a few chunks: the checkpoint follows each chunk's
        // fsync in order, so reading the next chunk overlaps waiting for the last one.
        // Reading starts again at the checkpoint, so sequences do too: after a failed read, records
        // taken but never made durable get the same numbers when read again (receivers de-duplicate).
        file.Target.NextSequence = file.Checkpoint.NextSequence;
        _runs.Clear();
        var inFlight = new Queue<(Task Durable, long Offset, ulong NextSequence)>();
        long offset = file.Checkpoint.Offset;
        long readThisPoll = 0;
        while (offset < length && readThisPoll < MaxBytesPerFilePerPoll)
        {
            int got = RandomAccess.Read(file.Handle, _chunk, offset);
            if (got == 0)
            {
                break;
            }

            int consumed = _intake.TakeLines(_chunk.AsSpan(0, got), offset, file.Target, _runs, final: still && offset + got >= length);
            if (consumed == 0)
            {
                if (got <= _intake.MaxLineBytes)
                {
                    break; // a partial last line waits until it is complete
                }

                consumed = SkipOversizeLine(file, offset, length);
                if (consumed == 0)
                {
                    break;
                }
            }

            Task durable = await _buffer.EnqueueAsync(_runs.Take(), cancellationToken).ConfigureAwait(false);

            offset += consumed;
            readThisPoll += consumed;
            inFlight.Enqueue((durable, offset, file.Target.NextSequence));
            if (inFlight.Count >= MaxChunksInFlight)
            {
                await AdvanceAsync(file, inFlight.Dequeue(), length, cancellationToken).ConfigureAwait(false);
            }
        }

        bool progressed = inFlight.Count > 0;
        while (inFlight.Count > 0)
        {
            await AdvanceAsync(file, inFlight.Dequeue(), length, cancellationToken).ConfigureAwait(false);
        }

        if (progressed)
        {
            SaveCheckpoints();
        }

        return progressed;
    }

    /// <summary>
    /// A rotated or deleted file that stopped growing with no newline after its last bytes will
    /// never get one: they are taken as its last line (a record, or quarantined), so the file can be closed.
    /// </summary>
    private async Task TakeUnterminatedLastLineAsync(TailedFile file, CancellationToken cancellationToken)
    {
        long offset = file.Checkpoint.Offset;
        long bytes = file.Length - offset;
        ShipperLog.FileUnterminatedLastLine(_logger, file.Checkpoint.Path, file.Checkpoint.SourceId, offset, bytes);
        byte[] line = new byte[Math.Min(bytes, _intake.MaxLineBytes + 1L)];
        int got = RandomAccess.Read(file.Handle, line, offset);
        if (bytes > _intake.MaxLineBytes)
        {
            _intake.Quarantine(offset, bytes, LineVerdict.Oversize, line.AsSpan(0, Math.Min(got, QuarantineFile.KeptBytes)), file.Target);
        }
        else
        {
            _intake.Take(line.AsSpan(0, got), offset, file.Target, _runs);
        }

        await _buffer.AppendAsync(_runs.Take(), cancellationToken).ConfigureAwait(false);

        file.Checkpoint.Offset = file.Length;
        file.Checkpoint.NextSequence = file.Target.NextSequence;
        file.Checkpoint.LastSeen = _time.GetUtcNow();
        SaveCheckpoints();
    }

    /// <summary>
    /// A checkpoint that cannot be saved (a full disk) stays ahead in memory and is saved at the
    /// next poll: its records are already durable, and a crash meanwhile only re-reads them.
    /// </summary>
    private void SaveCheckpoints()
    {
        try
        {
            _checkpoints.Save();
            _checkpointsUnsaved = false;
        }
        catch (IOException e)
        {
            if (!_checkpointsUnsaved)
            {
                ShipperLog.CheckpointSaveFailed(_logger, _options.Name, e.Message);
            }

            _checkpointsUnsaved = true;
        }
    }

    private async Task AdvanceAsync(TailedFile file, (Task Durable, long Offset, ulong NextSequence) chunk, long length, CancellationToken cancellationToken)
    {
        await chunk.Durable.WaitAsync(cancellationToken).ConfigureAwait(false);
        FileCheckpoint checkpoint = file.Checkpoint;
        checkpoint.Offset = chunk.Offset;
        checkpoint.NextSequence = chunk.NextSequence;
        checkpoint.LastSeen = _time.GetUtcNow();
        if (checkpoint.FingerprintLength < _options.FingerprintBytes && length > checkpoint.FingerprintLength)
        {
            checkpoint.FingerprintLength = (int)Math.Min(length, _options.FingerprintBytes);
            checkpoint.Fingerprint = FileFingerprint.Of(file.Handle, checkpoint.FingerprintLength);
        }
    }

    /// <summary>Quarantines a line longer than the maximum once its end is in the file; returns the bytes it spans, or 0 while it is still being written.</summary>
    private int SkipOversizeLine(TailedFile file, long offset, long length)
    {
        var scan = new byte[64 * 1024];
        for (long position = offset + _intake.MaxLineBytes; position < length;)
        {
            int got = RandomAccess.Read(file.Handle, scan, position);
            if (got == 0)
            {
                break;
            }

            int newline = scan.AsSpan(0, got).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                long lineLength = position + newline - offset;
                _intake.Quarantine(offset, lineLength, LineVerdict.Oversize, _chunk.AsSpan(0, QuarantineFile.KeptBytes), file.Target);
                return checked((int)Math.Min(int.MaxValue, lineLength + 1));
            }

            position += got;
        }

        return 0;
    }

    public override void Dispose()
    {
        foreach (TailedFile file in _files.Values)
        {
            file.Dispose();
        }

        base.Dispose();
    }
}
