using Microsoft.Extensions.Logging;
using WideEvents.Emit.Formatting;

namespace WideEvents.Emit.Handlers;

/// <summary>
/// A bounded queue in front of one <see cref="IRecordWriter"/>, drained by one background task.
/// The logging thread only copies the record into the current 64 KiB segment under a short
/// lock; segments are recycled, so queueing allocates nothing. Only the first record after the
/// drain task went idle wakes it; it then takes every segment at once and writes them as one
/// batch, and flushes only when nothing more is waiting (group commit).
/// </summary>
internal sealed class RecordHandler : IAsyncDisposable
{
    private const int MaxFreeSegments = 64;

    // After a wake, let a burst gather for a moment: each wake is a context switch that the
    // logging threads pay for on a busy machine, and a short window batches thousands of
    // records per wake instead of a few.
    private static readonly TimeSpan BatchWindow = TimeSpan.FromMilliseconds(1);

    private readonly object _gate = new();
    private readonly Queue<RecordSegment> _sealed = new();
    private readonly Stack<RecordSegment> _free = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly IRecordWriter _writer;
    private readonly RecordFormatter _formatter;
    private readonly HandlerOptions _settings;
    private readonly int _capacity;
    private readonly Task _drain;
    private readonly CancellationTokenSource _abandon = new();
    private RecordSegment _current = new(RecordSegment.StandardSize);
    private int _queued;
    private bool _drainWoken;
    private bool _completed;
    private long _dropped;
    private long _lost;
    private int _failureReported;

    public RecordHandler(HandlerOptions settings, IRecordWriter writer, RecordFormatter formatter)
    {
        _settings = settings;
        _writer = writer;
        _formatter = formatter;
        _capacity = Math.Max(1, settings.QueueCapacity);
        _drain = Task.Run(DrainAsync);
    }

    public string Name => _settings.DisplayName;

    public LogLevel MinimumLevel => _settings.MinimumLevel;

    /// <summary>Records dropped because the queue was full, since the handler started.</summary>
    public long DroppedTotal { get; private set; }

    public bool Accepts(LogLevel level, in WrittenKeys keys) =>
        level >= _settings.MinimumLevel && (_settings.RequireKey is null || keys.Contains(_settings.RequireKey));

    public void Enqueue(ReadOnlySpan<byte> record)
    {
        var wake = false;
        lock (_gate)
        {
            while (_queued >= _capacity && !_completed)
            {
                if (_settings.FullMode != QueueFullMode.Block)
                {
                    _dropped++;
                    return;
                }

                // Blocking is what the caller opted into; the drain task pulses after each take.
                Monitor.Wait(_gate);
            }

            if (_completed)
            {
                _dropped++;
                return;
            }

            if (!_current.TryAppend(record))
            {
                _sealed.Enqueue(_current);
                _current = TakeSegment(record.Length + 1);
                _current.TryAppend(record);
            }

            _queued++;
            if (!_drainWoken)
            {
                _drainWoken = wake = true;
            }
        }

        if (wake)
        {
            _wake.Release();
        }
    }

    private async Task DrainAsync()
    {
        var taken = new List<RecordSegment>();
        var batch = new RecordBatch();
        var done = false;
        try
        {
            while (!done)
            {
                await _wake.WaitAsync().ConfigureAwait(false);
                if (!Volatile.Read(ref _completed))
                {
                    await Task.Delay(BatchWindow).ConfigureAwait(false);
                }

                long dropped;
                lock (_gate)
                {
                    taken.AddRange(_sealed);
                    _sealed.Clear();
                    if (_current.Count > 0)
                    {
                        taken.Add(_current);
                        _current = TakeSegment(0);
                    }

                    _queued = 0;
                    _drainWoken = false;
                    done = _completed;
                    dropped = _dropped;
                    _dropped = 0;
                    Monitor.PulseAll(_gate);
                }

                foreach (var segment in taken)
                {
                    batch.AddChunk(segment.Lines, segment.RecordEnds);
                }

                if (dropped > 0)
                {
                    // Reported once the handler has caught up, in the same batch.
                    DroppedTotal += dropped;
                    var notice = new RecordSegment(RecordSegment.StandardSize);
                    notice.TryAppend(_formatter.FormatDroppedNotice(Name, dropped, DroppedTotal));
                    batch.AddChunk(notice.Lines, notice.RecordEnds);
                }

                await WriteAsync(batch).ConfigureAwait(false);
                batch.Clear();
                ReturnSegments(taken);
                taken.Clear();
                if (done || _wake.CurrentCount == 0)
                {
                    await FlushAsync().ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (_abandon.IsCancellationRequested)
        {
            // Disposal gave up waiting for a destination that never came back.
        }
    }

    private RecordSegment TakeSegment(int minimumSize)
    {
        if (minimumSize > RecordSegment.StandardSize)
        {
            return new RecordSegment(minimumSize);
        }

        return _free.TryPop(out var segment) ? segment : new RecordSegment(RecordSegment.StandardSize);
    }

    private void ReturnSegments(List<RecordSegment> segments)
    {
        lock (_gate)
        {
            foreach (var segment in segments)
            {
                if (segment.Buffer.Length == RecordSegment.StandardSize && _free.Count < MaxFreeSegments)
                {
                    segment.Reset();
                    _free.Push(segment);
                }
            }
        }
    }

    private async Task WriteAsync(RecordBatch batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            await _writer.WriteAsync(batch, _abandon.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !_abandon.IsCancellationRequested)
        {
            _lost += batch.Count;
            ReportFailureOnce(ex);
        }
    }

    private async Task FlushAsync()
    {
        try
        {
            await _writer.FlushAsync(_abandon.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !_abandon.IsCancellationRequested)
        {
            ReportFailureOnce(ex);
        }
    }

    private void ReportFailureOnce(Exception ex)
    {
        if (Interlocked.Exchange(ref _failureReported, 1) == 0)
        {
            StderrReporter.Report($"handler '{Name}' failed, records are being lost ({_lost} so far); the process goes on: {ex.GetType().Name}: {ex.Message}");
        }
    }

    /// <summary>Stops taking records, drains what is queued, flushes and closes the writer.</summary>
    /// <param name="timeout">How long to wait for a destination that is down before giving up.</param>
    public async ValueTask DisposeAsync(TimeSpan timeout)
    {
        int waiting;
        lock (_gate)
        {
            _completed = true;
            waiting = _queued;
            Monitor.PulseAll(_gate);
        }

        _wake.Release();
        if (await Task.WhenAny(_drain, Task.Delay(timeout)).ConfigureAwait(false) != _drain)
        {
            await _abandon.CancelAsync().ConfigureAwait(false);
            StderrReporter.Report($"handler '{Name}' could not deliver its queue within {timeout.TotalSeconds:0.#} s at shutdown; up to {waiting} records were not written");
            await _drain.ConfigureAwait(false);
        }

        if (_lost > 0)
        {
            StderrReporter.Report($"handler '{Name}' lost {_lost} records to write failures");
        }

        await _writer.DisposeAsync().ConfigureAwait(false);
        _abandon.Dispose();
        _wake.Dispose();
    }

    public ValueTask DisposeAsync() => DisposeAsync(TimeSpan.FromSeconds(10));
}
