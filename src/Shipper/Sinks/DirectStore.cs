using Microsoft.Extensions.Hosting;
using WideEvents.Shipper.Buffer;
using WideEvents.Shipper.Health;
using WideEvents.Shipper.Records;

namespace WideEvents.Shipper.Sinks;

/// <summary>
/// The destination of every source when a store is the only sink: the store is as durable as the
/// disk buffer, so runs are written once, into the store, instead of into the buffer and then
/// again from it. Runs queued while a write runs share the next one and its fsync (group
/// commit); a full queue makes sources wait. Nothing is taken until the store sink has drained
/// what an earlier run of the shipper left in the buffer, so no record overtakes an older one.
/// </summary>
internal sealed class DirectStore : BackgroundService, IRunDestination
{
    /// <summary>Bytes queued for the next write at most; about a second of input at line rate.</summary>
    private const long MaxQueuedBytes = 64L << 20;

    private readonly StoreWriter _writer;
    private readonly StoreSink _drain;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _queued = new(0);
    private readonly TaskCompletionSource _drained = NewSignal();
    private List<RecordRun> _pending = [];
    private long _pendingBytes;
    private TaskCompletionSource _pendingDurable = NewSignal();
    private TaskCompletionSource _room = NewSignal();
    private bool _writeRequested;

    public DirectStore(StoreWriter writer, StoreSink drain, ShipperMetrics metrics)
    {
        _writer = writer;
        _drain = drain;
        metrics.RegisterLag("direct-store", () => Interlocked.Read(ref _pendingBytes));
    }

    public async ValueTask<Task> EnqueueAsync(IReadOnlyList<RecordRun> runs, CancellationToken cancellationToken)
    {
        if (runs.Count == 0)
        {
            return Task.CompletedTask;
        }

        await _drained.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        long bytes = runs.Sum(r => (long)r.Lines.Length);
        while (true)
        {
            Task room;
            lock (_gate)
            {
                if (_pendingBytes == 0 || _pendingBytes + bytes <= MaxQueuedBytes)
                {
                    _pending.AddRange(runs);
                    _pendingBytes += bytes;
                    if (!_writeRequested)
                    {
                        _writeRequested = true;
                        _queued.Release();
                    }

                    return _pendingDurable.Task;
                }

                room = _room.Task;
            }

            await room.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (_drain.BytesBehind > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), stoppingToken).ConfigureAwait(false);
            }

            _drained.TrySetResult();
            while (true)
            {
                await _queued.WaitAsync(stoppingToken).ConfigureAwait(false);
                await WritePendingAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // What is queued at a stop gets one bounded try: a source whose runs fail here did not
        // checkpoint or acknowledge them, and sends them again after the restart.
        using var lastTry = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await WritePendingAsync(lastTry.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task WritePendingAsync(CancellationToken cancellationToken)
    {
        List<RecordRun> batch;
        TaskCompletionSource durable;
        TaskCompletionSource room;
        lock (_gate)
        {
            _writeRequested = false;
            if (_pending.Count == 0)
            {
                return;
            }

            batch = _pending;
            durable = _pendingDurable;
            _pending = [];
            _pendingDurable = NewSignal();
        }

        try
        {
            await _writer.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
            durable.TrySetResult();
        }
        catch (Exception e)
        {
            durable.TrySetException(new IOException("The store could not write these records; they were not acknowledged.", e));
            if (e is OperationCanceledException)
            {
                throw;
            }
        }
        finally
        {
            lock (_gate)
            {
                _pendingBytes -= batch.Sum(r => (long)r.Lines.Length);
                room = _room;
                _room = NewSignal();
            }

            room.TrySetResult();
        }
    }

    public override void Dispose()
    {
        _queued.Dispose();
        base.Dispose();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
