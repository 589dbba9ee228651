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
internal sealed class FormattingPipeline
{
    private readonly object _gate = new();
    private readonly RecordFormatter _formatter;
    private readonly RecordHandler[] _handlers;
    private readonly int _capacity;
    private readonly bool _block;
    private readonly int _interval;
    private readonly Thread _thread;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private List<PendingRecord> _incoming = new(1024);
    private bool _idle;
    private bool _urgent;
    private bool _completed;
    private long _dropped;
    private long _roundsTaken;
    private long _roundsDone;

    public FormattingPipeline(RecordFormatter formatter, RecordHandler[] handlers)
    {
        _formatter = formatter;
        _handlers = handlers;
        _capacity = handlers.Length == 0 ? 1 : handlers.Max(h => h.Capacity);
        _block = handlers.Any(h => h.Blocks);
        _interval = handlers.Length == 0 ? 10 : handlers.Min(h => h.FlushInterval);
        _thread = new Thread(Run) { IsBackground = true, Name = "WideEvents formatter" };
        _thread.Start();
    }

    public void Enqueue(PendingRecord record)
    {
        lock (_gate)
        {
            while (_incoming.Count >= _capacity && !_completed)
            {
                if (!_block)
                {
                    _dropped++;
                    record.Return();
                    return;
                }

                _urgent = true;
                Monitor.PulseAll(_gate);
                Monitor.Wait(_gate);
            }

            if (_completed)
            {
                _dropped++;
                record.Return();
                return;
            }

            _incoming.Add(record);

            // Only the first record after the thread went idle, or a queue past half full,
            // wakes it; every other record waits for the next timed round.
            if (_idle || (!_urgent && _incoming.Count >= _capacity / 2))
            {
                _idle = false;
                _urgent |= _incoming.Count >= _capacity / 2;
                Monitor.PulseAll(_gate);
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
                lock (_gate)
                {
                    if (_incoming.Count == 0 && _dropped == 0 && !_completed)
                    {
                        _idle = true;
                        Monitor.PulseAll(_gate);
                        while (_idle && !_completed)
                        {
                            Monitor.Wait(_gate);
                        }
                    }

                    if (!_completed && !_urgent)
                    {
                        Monitor.Wait(_gate, _interval);
                    }

                    (taken, _incoming) = (_incoming, taken);
                    _urgent = false;
                    _idle = false;
                    done = _completed;
                    dropped = _dropped;
                    _dropped = 0;
                    _roundsTaken++;
                    Monitor.PulseAll(_gate);
                }

                foreach (var record in taken)
                {
                    Deliver(record);
                }

                taken.Clear();
                foreach (var handler in _handlers)
                {
                    if (dropped > 0)
                    {
                        handler.AddDropped(dropped);
                    }

                    handler.Wake();
                }

                lock (_gate)
                {
                    _roundsDone++;
                    Monitor.PulseAll(_gate);
                }
            }
        }
        finally
        {
            _stopped.TrySetResult();
        }
    }

    private void Deliver(PendingRecord record)
    {
        try
        {
            var formatted = _formatter.Format(record);
            foreach (var handler in _handlers)
            {
                if (handler.Accepts(record.Level, formatted.Keys))
                {
                    handler.Enqueue(formatted.Record);
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

    /// <summary>Waits until every call queued before this one has been formatted and handed to the handlers.</summary>
    public bool Flush(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        lock (_gate)
        {
            var target = _incoming.Count > 0 || _dropped > 0 ? _roundsTaken + 1 : _roundsTaken;
            _urgent = true;
            _idle = false;
            Monitor.PulseAll(_gate);
            while (_roundsDone < target && !_stopped.Task.IsCompleted)
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                {
                    return false;
                }

                Monitor.Wait(_gate, left);
            }

            return _roundsDone >= target;
        }
    }

    /// <summary>Stops taking calls and formats everything queued; then the handlers can be disposed.</summary>
    public Task StopAsync()
    {
        lock (_gate)
        {
            _completed = true;
            Monitor.PulseAll(_gate);
        }

        return _stopped.Task;
    }
}
