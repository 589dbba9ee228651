using Grpc.Core;
using Microsoft.Extensions.Hosting;
using WideEvents.Contracts.V1;

namespace WideEvents.Shipper.Tail;

/// <summary>The gRPC Tail service: a server stream of stored records matching the request's filters.</summary>
internal sealed class TailService(TailHub hub, IHostApplicationLifetime lifetime) : Contracts.V1.Tail.TailBase
{
    public override async Task Subscribe(TailRequest request, IServerStreamWriter<TailRecord> responseStream, ServerCallContext context)
    {
        // A subscription never ends by itself; shutting down must end it, or the server waits for it.
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        TailSubscription subscription = hub.Subscribe([.. request.Filters]);
        try
        {
            // Headers now, not with the first record: a client can then know it is subscribed before it makes records happen.
            await context.WriteResponseHeadersAsync([]).ConfigureAwait(false);
            await foreach (TailRecord record in subscription.Queue.Reader.ReadAllAsync(ending.Token).ConfigureAwait(false))
            {
                await responseStream.WriteAsync(record, ending.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ending.IsCancellationRequested)
        {
            // The subscriber went away, or the shipper is stopping.
        }
        finally
        {
            hub.Unsubscribe(subscription);
        }
    }
}
