using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using WideEvents.Emit.Formatting;

namespace WideEvents.Emit.Handlers;

/// <summary>
/// A bounded queue in front of one <see cref="IRecordWriter"/>, drained by one dedicated thread.
/// The formatting pipeline copies each record into a 64 KiB segment that only it fills, and
/// hands the segment over under the lock when it is full or the round ends: one lock a segment,
/// not one a record (per record, the lock was half the pipeline thread's time in TaskFarm's
/// profile). Segments are recycled, so queueing allocates nothing. The drain thread wakes when the
/// pipeline ends a round (at most once per <see cref="HandlerOptions.FlushIntervalMilliseconds"/>)
/// or the queue is half full, takes every segment at once, writes them as one batch and
/// flushes: a bounded number of wake-ups per second whatever the record rate.
/// </summary>
/// <remarks>
/// The drain is a thread of its own rather than a thread-pool task: measured in TaskFarm, a
/// task woken per burst kept the pool's workers and timer thread spinning, and that cost more
/// CPU than the records themselves.
/// </remarks>
internal sealed class RecordHandler : DrainRounds, IAsyncDisposable
{
    private const int PreallocatedSegments = 4;

    private readonly Queue<RecordSegment> _sealed = new();
    private readonly Stack<RecordSegment> _free = new();
    private readonly IRecordWriter _writer;
    private readonly RecordFormatter _formatter;
    private readonly HandlerOptions _settings;
    private readonly int _capacity;
    private readonly int _interval;
    private readonly Thread _drain;
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _abandon = new();
    private RecordSegment _filling = new(RecordSegment.StandardSize);
    private int _queued;
    private long _lost;
    private int _failureReported;
    private long _droppedTotal;
    private long _writtenTotal;
    private readonly TimeSpan _heartbeat;
    private bool _heartbeatWritten;

    public RecordHandler(HandlerOptions settings, IRecordWriter writer, RecordFormatter formatter)
    {
        _settings = settings;
        _writer = writer;
        _formatter = formatter;
        _capacity = Math.Max(1, settings.QueueCapacity);
        _interval = Math.Max(1, settings.FlushIntervalMilliseconds);
        _heartbeat = settings.HeartbeatSeconds > 0 && (settings.RequireKey is null || settings.RequireKey == RecordFields.Heartbeat)
            ? TimeSpan.FromSeconds(settings.HeartbeatSeconds)
            : Timeout.InfiniteTimeSpan;
        for (var i = 0; i < PreallocatedSegments; i++)
        {
            _free.Push(new RecordSegment(RecordSegment.StandardSize));
        }

        _drain = new Thread(Drain) { IsBackground = true, Name = $"WideEvents {settings.DisplayName}" };
        _drain.Start();
    }

    public string Name => _settings.DisplayName;

    public LogLevel MinimumLevel => _settings.MinimumLevel;

    public int Capacity => _capacity;

    public bool Blocks => _settings.FullMode == QueueFullMode.Block;

    public int FlushInterval => _interval;

    public TimeSpan ShutdownTimeout => TimeSpan.FromMilliseconds(Math.Max(0, _settings.ShutdownTimeoutMilliseconds));

    /// <summary>Records dropped because the queue was full, since the handler started.</summary>
    public long DroppedTotal => Interlocked.Read(ref _droppedTotal);

    /// <summary>Records handed to the destination without an error (drop notices included), since the handler started.</summary>
    public long WrittenTotal => Interlocked.Read(ref _writtenTotal);

    /// <summary>Records waiting in the queue, read without the lock: a gauge, not a count to act on.</summary>
    public int QueueLength => Volatile.Read(ref _queued);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Accepts(LogLevel level, in WrittenKeys keys) =>
        level >= _settings.MinimumLevel && (_settings.RequireKey is null || keys.Contains(_settings.RequireKey));

    /// <summary>Adds a record to the segment being filled; only the pipeline's thread calls it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Append(ReadOnlySpan<byte> record)
    {
        if (_filling.TryAppend(record))
        {
            return;
        }

        Submit(record.Length + 1);
        _filling.TryAppend(record);
    }

    /// <summary>Hands over the segment being filled and lets the drain take the queue: the end of a pipeline round.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void EndRound()
    {
        Submit(0);
        Wake();
    }

    // Queues the filled segment, as far as there is room: past the capacity the newest records
    // are dropped and counted, or, in Block mode, the pipeline waits until the queue has room
    // for the whole segment (or is empty, so a segment larger than the capacity still goes).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Submit(int nextSize)
    {
        lock (Gate)
        {
            var count = _filling.Count;
            if (count > 0)
            {
                while (Blocks && _queued > 0 && _queued + count > _capacity && !Completed)
                {
                    Urgent = true;
                    Monitor.PulseAll(Gate);
                    Monitor.Wait(Gate);
                }

                var room = Completed ? 0 : Blocks ? count : Math.Max(0, _capacity - _queued);
                if (room < count)
                {
                    Dropped += count - room;
                    _filling.KeepFirst(room);
                }

                if (_filling.Count > 0)
                {
                    _sealed.Enqueue(_filling);
                    _queued += _filling.Count;
                    _filling = TakeSegment(nextSize);
                }
                else
                {
                    _filling.Reset();
                }

                // The pipeline wakes the drain at the end of each round; only a queue past half
                // full wakes it sooner.
                if (!Urgent && _queued >= _capacity / 2)
                {
                    Urgent = true;
                    Monitor.PulseAll(Gate);
                }
            }

            if (_filling.Buffer.Length < nextSize)
            {
                _filling = TakeSegment(nextSize);
            }
        }
    }

    /// <summary>Counts records dropped before they reached this handler; reported with its next batch.</summary>
    public void AddDropped(long count)
    {
        lock (Gate)
        {
            Dropped += count;
        }
    }

    /// <summary>Lets the drain take what is queued now: the pipeline calls it at the end of a round.</summary>
    public void Wake()
    {
        lock (Gate)
        {
            if ((_queued > 0 || Dropped > 0) && !Urgent)
            {
                Urgent = true;
                Monitor.PulseAll(Gate);
            }
        }
    }

    private void Drain()
    {
        var taken = new List<RecordSegment>();
        var batch = new RecordBatch();
        var heartbeatDue = Environment.TickCount64 + (long)_heartbeat.TotalMilliseconds;
        try
        {
            var done = false;
            while (!done)
            {
                long dropped;
                int queued;
                lock (Gate)
                {
                    while (!Urgent && !Completed && (_heartbeat == Timeout.InfiniteTimeSpan || Environment.TickCount64 < heartbeatDue))
                    {
                        Monitor.Wait(Gate, _heartbeat == Timeout.InfiniteTimeSpan ? Timeout.Infinite : (int)Math.Max(1, heartbeatDue - Environment.TickCount64));
                    }

                    taken.AddRange(_sealed);
                    _sealed.Clear();

                    queued = _queued;
                    _queued = 0;
                    dropped = TakeRound(out done);
                }

                foreach (var segment in taken)
                {
                    batch.AddChunk(segment.Lines, segment.RecordEnds);
                }

                if (dropped > 0)
                {
                    ReportDropped(batch, dropped);
                }

                // The first heartbeat after one interval (a process that lives less says nothing), and
                // a last one when stopping cleanly, if there was a first: what tells "died" from "ended".
                var beat = _heartbeat != Timeout.InfiniteTimeSpan && (Environment.TickCount64 >= heartbeatDue || (done && _heartbeatWritten));
                if (beat)
                {
                    AddSystemRecord(batch, _formatter.FormatHeartbeat(Name, done, _heartbeat.TotalSeconds, WrittenTotal, queued, DroppedTotal));
                    heartbeatDue = Environment.TickCount64 + (long)_heartbeat.TotalMilliseconds;
                    _heartbeatWritten = true;
                }

                Write(batch);
                batch.Clear();
                ReturnSegments(taken);
                taken.Clear();
                Flush();
                RoundDone();
            }
        }
        catch (OperationCanceledException) when (_abandon.IsCancellationRequested)
        {
            // Disposal gave up waiting for a destination that never came back.
        }
        finally
        {
            _drained.TrySetResult();
        }
    }

    private void ReportDropped(RecordBatch batch, long dropped)
    {
        // Reported once the handler has caught up, in the same batch, and on stderr, so a
        // drop is seen even when this handler's destination is the thing that is down.
        var total = Interlocked.Add(ref _droppedTotal, dropped);
        AddSystemRecord(batch, _formatter.FormatDroppedNotice(Name, dropped, total));
        StderrReporter.Report($"handler '{Name}' dropped {dropped} records because its queue was full ({total} in all)");
    }

    private static void AddSystemRecord(RecordBatch batch, byte[] record)
    {
        var segment = new RecordSegment(record.Length + 1);
        segment.TryAppend(record);
        batch.AddChunk(segment.Lines, segment.RecordEnds);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
        // Keep as many free segments as the round just written needed (the next round at the
        // same rate needs as many, and the caller would otherwise allocate them): the memory
        // kept never exceeds what the queue held at once.
        var keep = Math.Max(PreallocatedSegments, segments.Count + PreallocatedSegments);
        lock (Gate)
        {
            while (_free.Count > keep)
            {
                _free.Pop();
            }

            foreach (var segment in segments)
            {
                if (segment.Buffer.Length == RecordSegment.StandardSize && _free.Count < keep)
                {
                    segment.Reset();
                    _free.Push(segment);
                }
            }
        }
    }

    private void Write(RecordBatch batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            Wait(_writer.WriteAsync(batch, _abandon.Token));
            Interlocked.Add(ref _writtenTotal, batch.Count);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !_abandon.IsCancellationRequested)
        {
            _lost += batch.Count;
            ReportFailureOnce(ex);
        }
    }

    private void Flush()
    {
        try
        {
            Wait(_writer.FlushAsync(_abandon.Token));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !_abandon.IsCancellationRequested)
        {
            ReportFailureOnce(ex);
        }
    }

    // The drain thread is ours to block: a file write completes synchronously, a socket or
    // gRPC write is waited for here without taking a thread-pool thread.
    private static void Wait(ValueTask pending)
    {
        if (pending.IsCompletedSuccessfully)
        {
            return;
        }

        pending.AsTask().GetAwaiter().GetResult();
    }

    private void ReportFailureOnce(Exception ex)
    {
        if (Interlocked.Exchange(ref _failureReported, 1) == 0)
        {
            StderrReporter.Report($"handler '{Name}' failed, records are being lost ({_lost} so far); the process goes on: {ex.GetType().Name}: {ex.Message}");
        }
    }

    /// <summary>Stops taking records, drains what is queued, flushes and closes the writer.</summary>
    /// <param name="timeout">How long to wait for a destination that takes nothing (is down) before giving up.</param>
    public async ValueTask DisposeAsync(TimeSpan timeout)
    {
        int waiting;
        lock (Gate)
        {
            Completed = true;
            waiting = _queued;
            Monitor.PulseAll(Gate);
        }

        // A destination that is slow but taking records is waited for; one that took nothing for
        // the whole budget is given up on.
        if (!await WaitWhileDeliveringAsync(_drained.Task, timeout).ConfigureAwait(false))
        {
            await _abandon.CancelAsync().ConfigureAwait(false);
            StderrReporter.Report($"handler '{Name}' delivered nothing for {timeout.TotalSeconds:0.#} s at shutdown and gave up; up to {waiting} records were not written");
            await _drained.Task.ConfigureAwait(false);
        }

        if (_lost > 0)
        {
            StderrReporter.Report($"handler '{Name}' lost {_lost} records to write failures");
        }

        if (DroppedTotal > 0)
        {
            StderrReporter.Report($"handler '{Name}' dropped {DroppedTotal} records in all because its queue was full");
        }

        await (_writer is IShutdownWithin bounded ? bounded.DisposeAsync(timeout) : _writer.DisposeAsync()).ConfigureAwait(false);
        _abandon.Dispose();
    }

    protected override int Waiting => _queued;

    protected override bool Stopped => _drained.Task.IsCompleted;

    public ValueTask DisposeAsync() => DisposeAsync(ShutdownTimeout);
}
