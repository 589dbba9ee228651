using Grpc.Core;
using Grpc.Net.Client;
using WideEvents.Analyze.Loaders;
using WideEvents.Contracts.V1;
using WideEvents.Web.Data;

namespace WideEvents.Web.Live;

/// <summary>
/// Subscribes to a shipper's Tail service and appends every record that arrives to the store,
/// resubscribing after a failure or an ended stream until stopped.
/// </summary>
internal sealed class TailFeed(Uri address, RecordStore store, TimeSpan retryDelay) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public void Start() => _loop = Task.Run(() => RunAsync(_stop.Token));

    private async Task RunAsync(CancellationToken stop)
    {
        using var channel = GrpcChannel.ForAddress(address);
        var parser = new RecordParser();
        var client = new Tail.TailClient(channel);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                store.LiveStatus = "connecting";
                using var call = client.Subscribe(new TailRequest(), cancellationToken: stop);
                await call.ResponseHeadersAsync.ConfigureAwait(false);
                store.LiveStatus = "live";
                while (await call.ResponseStream.MoveNext(stop).ConfigureAwait(false))
                {
                    var tail = call.ResponseStream.Current;
                    var record = parser.Parse(tail.Record.Span, $"tail:{tail.SourceId}");
                    if (record is not null)
                    {
                        store.Add(record);
                    }
                }
                store.LiveStatus = "stream ended; resubscribing";
            }
            catch (RpcException e) when (!stop.IsCancellationRequested)
            {
                store.LiveStatus = $"tail failed ({e.StatusCode}); retrying";
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                break;
            }
            try
            {
                await Task.Delay(retryDelay, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }
        _stop.Dispose();
    }
}
