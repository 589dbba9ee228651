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
    private readonly DiskBuffer _buffer;
    private readonly CheckpointStore _checkpoints;
    private readonly LineIntake _intake;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Matcher _matcher = new();
    private readonly PathFieldPattern? _pathPattern;
    private readonly FileIdentifier _identifier;
    private readonly Dictionary<FileKey, TailedFile> _files = [];
    private readonly byte[] _chunk;
    private bool _checkpointsUnsaved;

    public FileTailSource(FileSourceOptions options, string baseDirectory, string dataDirectory, DiskBuffer buffer, LineIntake intake, ShipperMetrics metrics, TimeProvider time, ILogger<FileTailSource> logger)
    {
        _options = options;
        _baseDirectory = baseDirectory;
        _buffer = buffer;
        _intake = intake;
        _time = time;
        _logger = logger;
        _checkpoints = new CheckpointStore(CheckpointStore.PathFor(dataDirectory, options.Name));
        _identifier = new FileIdentifier(_checkpoints, options.FingerprintBytes, intake.MaxLineBytes, time);
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

        return new IntakeTarget(_options.Name, checkpoint.SourceId, path, new WideningFields(fields), checkpoint.NextSequence);
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
                progressed |= await ReadFileAsync(file, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                // One unreadable file must not stop the others; it is tried again at the next poll.
                ShipperLog.FileReadFailed(_logger, file.Checkpoint.Path, e.Message);
            }

            if (file.RotatedAway && file.Checkpoint.Offset >= file.Length && _time.GetUtcNow() - file.LastGrowth > TimeSpan.FromSeconds(_options.RotatedFileSeconds))
            {
                ShipperLog.FileClosed(_logger, file.Checkpoint.Path, file.Checkpoint.SourceId);
                lock (_files)
                {
                    _files.Remove(file.Key);
                }

                file.Dispose();
            }
        }

        return progressed;
    }

    private async Task<bool> ReadFileAsync(TailedFile file, CancellationToken cancellationToken)
    {
        long length = RandomAccess.GetLength(file.Handle);
        if (length > file.Length)
        {
            file.LastGrowth = _time.GetUtcNow();
        }

        file.Length = length;
        if (length < file.Checkpoint.Offset || !FileFingerprint.Matches(file.Handle, length, file.Checkpoint))
        {
            ShipperLog.FileTruncated(_logger, file.Checkpoint.Path, file.Checkpoint.SourceId, file.Checkpoint.Offset, length);
            file.Checkpoint = _identifier.StartNew(file.Handle, file.Key, file.Checkpoint.Path, length, null, file.Checkpoint);
            file.Target = Target(file.Checkpoint, file.Checkpoint.Path);
        }

        // Reading runs ahead of durability by a few chunks: the checkpoint follows each chunk's
        // fsync in order, so reading the next chunk overlaps waiting for the last one.
        var inFlight = new Queue<(Task Durable, long Offset, ulong NextSequence)>();
        var records = new List<SourcedRecord>();
        long offset = file.Checkpoint.Offset;
        long readThisPoll = 0;
        while (offset < length && readThisPoll < MaxBytesPerFilePerPoll)
        {
            int got = RandomAccess.Read(file.Handle, _chunk, offset);
            if (got == 0)
            {
                break;
            }

            int consumed = _intake.TakeLines(_chunk.AsSpan(0, got), offset, file.Target, records);
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

            Task durable = await _buffer.EnqueueAsync(records, cancellationToken).ConfigureAwait(false);
            records.Clear();
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
