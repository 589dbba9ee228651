using System.Runtime.CompilerServices;
using WideEvents.Emit.Formatting;
using WideEvents.Emit.Handlers;

namespace WideEvents.Emit.Pipeline;

/// <summary>
/// Between the logging calls and the handlers: callers only capture their call into a pooled
/// <see cref="PendingRecord"/> and queue it; one dedicated thread formats the queued records in
/// rounds, hands the bytes to every handler that accepts them and wakes those handlers. Formatting
/// in a tight loop on its own thread keeps it off the application's hot path and its caches warm.
/// The queue is bounded: past its capacity a call is dropped and counted (the drop is reported
/// as a record by every handler and on the self log), or waits when a handler asked to block.
/// </summary>
internal sealed class FormattingPipeline : DrainRounds
{
    private readonly RecordFormatter _formatter;
    private readonly RecordHandler[] _handlers;
    private readonly int _capacity;
    private readonly bool _block;
    private readonly int _interval;
    private readonly Thread _thread;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private List<PendingRecord> _incoming = new(1024);
    private bool _idle;

    // handlers: at least one; a provider with none makes no pipeline.
    public FormattingPipeline(RecordFormatter formatter, RecordHandler[] handlers)
    {
        _formatter = formatter;
        _handlers = handlers;
        _capacity = handlers.Max(h => h.Capacity);
        _block = handlers.Any(h => h.Blocks);
        _interval = handlers.Min(h => h.FlushInterval);
        _thread = new Thread(Run) { IsBackground = true, Name = "WideEvents formatter" };
        _thread.Start();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Enqueue(PendingRecord record)
    {
        lock (Gate)
        {
            if (!WaitForRoom(_capacity, _block))
            {
                record.Return();
                return;
            }

            _incoming.Add(record);

            // Only the first record after the thread went idle, or a queue past half full,
            // wakes it; every other record waits for the next timed round.
            if (_idle || (!Urgent && _incoming.Count >= _capacity / 2))
            {
                _idle = false;
                Urgent |= _incoming.Count >= _capacity / 2;
                Monitor.PulseAll(Gate);
            }
        }
    }

    private void Run()
    {
        var taken = new List<PendingRecord>(1024);
        try
        {
            var done = false;
            while (!done)
            {
                long dropped;
                lock (Gate)
                {
                    if (_incoming.Count == 0 && Dropped == 0 && !Completed)
                    {
                        _idle = true;
                        Monitor.PulseAll(Gate);
                        while (_idle && !Completed)
                        {
                            Monitor.Wait(Gate);
                        }
                    }

                    if (!Completed && !Urgent)
                    {
                        Monitor.Wait(Gate, _interval);
                    }

                    (taken, _incoming) = (_incoming, taken);
                    _idle = false;
                    dropped = TakeRound(out done);
                }

                foreach (var record in taken)
                {
                    Deliver(record);
                    NoteDelivered();
                }

                taken.Clear();
                foreach (var handler in _handlers)
                {
                    if (dropped > 0)
                    {
                        handler.AddDropped(dropped);
                    }

                    handler.EndRound();
                }

                RoundDone();
            }
        }
        finally
        {
            _stopped.TrySetResult();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Deliver(PendingRecord record)
    {
        try
        {
            var formatted = _formatter.Format(record);
            foreach (var handler in _handlers)
            {
                if (handler.Accepts(record.Level, formatted.Keys))
                {
                    handler.Append(formatted.Record);
                }
            }
        }
        catch (Exception ex)
        {
            // A state whose formatting throws (a ToString that fails) costs its own record only.
            StderrReporter.Report($"a record could not be formatted and was dropped: {ex.GetType().Name}: {ex.Message}");
        }
        finally
        {
            record.Return();
        }
    }

    protected override int Waiting => _incoming.Count;

    /// <summary>The pipeline's own progress and its handlers': while it waits for a handler in Block mode, the handler's writing is what moves.</summary>
    public override long Progress => base.Progress + _handlers.Sum(h => h.Progress);

    protected override bool Stopped => _stopped.Task.IsCompleted;

    /// <summary>Stops taking calls and formats everything queued; then the handlers can be disposed.</summary>
    public Task StopAsync()
    {
        lock (Gate)
        {
            Completed = true;
            Monitor.PulseAll(Gate);
        }

        return _stopped.Task;
    }
}
