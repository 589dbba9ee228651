using System.Buffers;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using WideEvents.Emit.Formatting;

namespace WideEvents.Emit.Handlers;

/// <summary>
/// A bounded queue in front of one <see cref="IRecordWriter"/>, drained by one background task.
/// The logging thread only copies bytes into a pooled buffer; all I/O happens on the drain task,
/// which writes whatever has accumulated as one batch and flushes only when the queue is empty
/// (group commit), so a burst costs one write, not one per record.
/// </summary>
internal sealed class RecordHandler : IAsyncDisposable
{
    private const int MaxBatch = 4096;

    private readonly Channel<PooledRecord> _queue;
    private readonly IRecordWriter _writer;
    private readonly RecordFormatter _formatter;
    private readonly HandlerOptions _settings;
    private readonly Task _drain;
    private readonly CancellationTokenSource _abandon = new();
    private long _dropped;
    private long _lost;
    private int _failureReported;

    public RecordHandler(HandlerOptions settings, IRecordWriter writer, RecordFormatter formatter)
    {
        _settings = settings;
        _writer = writer;
        _formatter = formatter;
        _queue = Channel.CreateBounded<PooledRecord>(new BoundedChannelOptions(Math.Max(1, settings.QueueCapacity))
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
            AllowSynchronousContinuations = false,
        });
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
        var buffer = ArrayPool<byte>.Shared.Rent(record.Length);
        record.CopyTo(buffer);
        var item = new PooledRecord(buffer, record.Length);
        if (_queue.Writer.TryWrite(item))
        {
            return;
        }

        if (_settings.FullMode == QueueFullMode.Block)
        {
            try
            {
                // Blocking is what the caller opted into; the drain task never needs this thread.
                _queue.Writer.WriteAsync(item).AsTask().GetAwaiter().GetResult();
                return;
            }
            catch (ChannelClosedException)
            {
            }
        }

        ArrayPool<byte>.Shared.Return(buffer);
        Interlocked.Increment(ref _dropped);
    }

    private async Task DrainAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<ReadOnlyMemory<byte>>(MaxBatch);
        var rented = new List<byte[]>(MaxBatch);
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (batch.Count < MaxBatch && reader.TryRead(out var item))
                {
                    batch.Add(item.Memory);
                    rented.Add(item.Buffer);
                }

                await WriteBatchAsync(batch).ConfigureAwait(false);
                foreach (var buffer in rented)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }

                batch.Clear();
                rented.Clear();

                if (reader.Count == 0)
                {
                    await ReportDroppedAsync(batch).ConfigureAwait(false);
                    await FlushAsync().ConfigureAwait(false);
                }
            }

            await ReportDroppedAsync(batch).ConfigureAwait(false);
            await FlushAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_abandon.IsCancellationRequested)
        {
            // Disposal gave up waiting for a destination that never came back.
        }
    }

    private async Task ReportDroppedAsync(List<ReadOnlyMemory<byte>> scratch)
    {
        var dropped = Interlocked.Exchange(ref _dropped, 0);
        if (dropped == 0)
        {
            return;
        }

        DroppedTotal += dropped;
        scratch.Add(_formatter.FormatDroppedNotice(Name, dropped, DroppedTotal));
        await WriteBatchAsync(scratch).ConfigureAwait(false);
        scratch.Clear();
    }

    private async Task WriteBatchAsync(List<ReadOnlyMemory<byte>> batch)
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
        _queue.Writer.TryComplete();
        if (await Task.WhenAny(_drain, Task.Delay(timeout)).ConfigureAwait(false) != _drain)
        {
            await _abandon.CancelAsync().ConfigureAwait(false);
            StderrReporter.Report($"handler '{Name}' could not deliver its queue within {timeout.TotalSeconds:0.#} s at shutdown; {_queue.Reader.Count} records were not written");
            await _drain.ConfigureAwait(false);
        }

        if (_lost > 0)
        {
            StderrReporter.Report($"handler '{Name}' lost {_lost} records to write failures");
        }

        await _writer.DisposeAsync().ConfigureAwait(false);
        _abandon.Dispose();
    }

    public ValueTask DisposeAsync() => DisposeAsync(TimeSpan.FromSeconds(10));

    private readonly record struct PooledRecord(byte[] Buffer, int Length)
    {
        public ReadOnlyMemory<byte> Memory => new(Buffer, 0, Length);
    }
}
