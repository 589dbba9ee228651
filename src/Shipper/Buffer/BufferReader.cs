using System.Diagnostics;
using Microsoft.Win32.SafeHandles;
using WideEvents.Shipper.Records;

namespace WideEvents.Shipper.Buffer;

/// <summary>
/// One sink's cursor over the buffer. Reading moves ahead freely; <see cref="Commit"/> moves
/// the durable cursor, and only records behind every committed cursor are ever deleted.
/// Used by one sink task at a time.
/// </summary>
internal sealed class BufferReader : IDisposable
{
    private readonly DiskBuffer _buffer;
    private readonly string _cursorPath;
    private readonly SourceIdCache _ids = new();
    private byte[] _chunk = new byte[1 << 20];
    private SafeFileHandle? _handle;
    private ulong _handleSegment;
    private BufferPosition _read;
    private BufferPosition _committed;
    private BufferPosition _saved;
    private long _savedAt;
    private readonly Lock _committedGate = new();

    public BufferReader(DiskBuffer buffer, string name, BufferPosition committed)
    {
        _buffer = buffer;
        Name = name;
        _cursorPath = buffer.CursorPath(name);
        _committed = committed;
        _saved = committed;
        _read = committed;
    }

    public string Name { get; }

    /// <summary>The committed cursor; read by other threads (segment release, health).</summary>
    public BufferPosition Committed
    {
        get
        {
            lock (_committedGate)
            {
                return _committed;
            }
        }
    }

    /// <summary>Bytes of durable records not yet committed by this reader.</summary>
    public long BytesBehind => _buffer.BytesBehind(Committed);

    /// <summary>
    /// Reads the next runs: as many as are durable now, whole runs up to about the limits,
    /// waiting only while there is none at all.
    /// </summary>
    public async ValueTask<List<BufferedRun>> ReadAsync(int maxRecords, long maxBytes, CancellationToken cancellationToken)
    {
        var runs = new List<BufferedRun>();
        int records = 0;
        long bytes = 0;
        while (records < maxRecords && bytes < maxBytes)
        {
            ReadWindow window = _buffer.Window(_read);
            _read = window.Start;
            if (_read.Offset < window.End)
            {
                (int framesRecords, long framesBytes) = ReadFrames(window.End, maxRecords - records, maxBytes - bytes, runs);
                records += framesRecords;
                bytes += framesBytes;
                continue;
            }

            if (window.Closed)
            {
                _read = new BufferPosition(_read.Segment + 1, 0);
                continue;
            }

            if (runs.Count > 0)
            {
                break;
            }

            await window.DataAvailable.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        return runs;
    }

    /// <summary>Reads whole frames from one chunk of the current segment; returns the records and bytes read.</summary>
    private (int Records, long Bytes) ReadFrames(long end, int maxRecords, long maxBytes, List<BufferedRun> runs)
    {
        if (_handle is null || _handleSegment != _read.Segment)
        {
            _handle?.Dispose();
            _handle = File.OpenHandle(_buffer.SegmentPath(_read.Segment), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            _handleSegment = _read.Segment;
        }

        int want = (int)Math.Min(_chunk.Length, end - _read.Offset);
        int got = RandomAccess.Read(_handle, _chunk.AsSpan(0, want), _read.Offset);
        int offset = 0;
        int records = 0;
        while (records < maxRecords && offset < maxBytes)
        {
            int length = RunFrame.TryRead(_chunk.AsSpan(offset, got - offset), _ids, out RecordRun? run);
            if (length == 0)
            {
                if (offset == 0)
                {
                    // A frame larger than the chunk: grow and read again.
                    _chunk = new byte[_chunk.Length * 2];
                }

                break;
            }

            if (length < 0)
            {
                // Corruption inside a segment recovery accepted: nothing after it can be framed.
                _read = new BufferPosition(_read.Segment, end);
                return (records, offset);
            }

            offset += length;
            records += run!.Count;
            runs.Add(new BufferedRun(run, new BufferPosition(_read.Segment, _read.Offset + offset)));
        }

        _read = new BufferPosition(_read.Segment, _read.Offset + offset);
        return (records, offset);
    }

    /// <summary>
    /// Marks everything before <paramref name="through"/> as delivered. The cursor file is
    /// rewritten at most every <see cref="SaveInterval"/> (and on dispose): a cursor that falls
    /// back only re-sends delivered records, which receivers de-duplicate.
    /// </summary>
    public void Commit(BufferPosition through)
    {
        lock (_committedGate)
        {
            if (through <= _committed)
            {
                return;
            }

            _committed = through;
        }

        if (Stopwatch.GetElapsedTime(_savedAt) >= SaveInterval)
        {
            Save();
        }

        _buffer.ReleaseConsumedSegments();
    }

    private static TimeSpan SaveInterval => TimeSpan.FromMilliseconds(200);

    private void Save()
    {
        BufferPosition committed = Committed;
        if (committed != _saved)
        {
            try
            {
                BufferCursorFile.Save(_cursorPath, committed);
                _saved = committed;
            }
            catch (IOException)
            {
                // Best effort (a full disk): a cursor file that lags only re-sends delivered records; tried again at the next commit.
            }
        }

        _savedAt = Stopwatch.GetTimestamp();
    }

    public void Dispose()
    {
        Save();
        _handle?.Dispose();
    }
}
