using Microsoft.Extensions.Hosting;
using WideEvents.Shipper.Buffer;
using WideEvents.Shipper.Configuration;
using WideEvents.Shipper.Health;

namespace WideEvents.Shipper.Sinks;

/// <summary>
/// Moves runs from the disk buffer into a store (see <see cref="StoreWriter"/>); the cursor moves
/// once they are durable there. When the store is the only sink, sources write to it directly
/// (<see cref="DirectStore"/>) and this only drains what an earlier run left in the buffer.
/// </summary>
internal sealed class StoreSink : BackgroundService
{
    private const int MaxRecordsPerRead = 20_000;
    private const long MaxBytesPerRead = 16L << 20;

    private readonly BufferReader _reader;
    private readonly StoreWriter _writer;

    public StoreSink(StoreSinkOptions options, DiskBuffer buffer, StoreWriter writer, ShipperMetrics metrics)
    {
        _reader = buffer.Reader(options.Name);
        _writer = writer;
        metrics.RegisterLag("sink:" + options.Name, () => _reader.BytesBehind);
    }

    /// <summary>Bytes in the buffer this sink has not stored yet.</summary>
    public long BytesBehind => _reader.BytesBehind;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                List<BufferedRun> batch = await _reader.ReadAsync(MaxRecordsPerRead, MaxBytesPerRead, stoppingToken).ConfigureAwait(false);
                await _writer.WriteAsync([.. batch.Select(b => b.Run)], stoppingToken).ConfigureAwait(false);
                _reader.Commit(batch[^1].Next);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
