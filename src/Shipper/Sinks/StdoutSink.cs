using Microsoft.Extensions.Hosting;
using WideEvents.Shipper.Buffer;
using WideEvents.Shipper.Configuration;
using WideEvents.Shipper.Health;

namespace WideEvents.Shipper.Sinks;

/// <summary>Writes records to standard output as JSON lines; the cursor moves once they are flushed.</summary>
internal sealed class StdoutSink(StdoutSinkOptions options, DiskBuffer buffer, ShipperMetrics metrics) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        BufferReader reader = buffer.Reader(options.Name);
        await using Stream stdout = Console.OpenStandardOutput();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                List<BufferedRun> batch = await reader.ReadAsync(10_000, 8L << 20, stoppingToken).ConfigureAwait(false);
                foreach (BufferedRun buffered in batch)
                {
                    await stdout.WriteAsync(buffered.Run.Lines, stoppingToken).ConfigureAwait(false);
                    metrics.RecordsOut.Add(buffered.Run.Count);
                    metrics.BytesOut.Add(buffered.Run.Lines.Length);
                }

                await stdout.FlushAsync(stoppingToken).ConfigureAwait(false);
                reader.Commit(batch[^1].Next);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
