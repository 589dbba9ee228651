using Grpc.Core;
using WideEvents.Contracts.V1;

namespace WideEvents.Shipper.Tail;

/// <summary>The gRPC Tail service: a server stream of stored records matching the request's filters.</summary>
internal sealed class TailService(TailHub hub) : Contracts.V1.Tail.TailBase
{
    public override async Task Subscribe(TailRequest request, IServerStreamWriter<TailRecord> responseStream, ServerCallContext context)
    {
        TailSubscription subscription = hub.Subscribe([.. request.Filters]);
        try
        {
            await foreach (TailRecord record in subscription.Queue.Reader.ReadAllAsync(context.CancellationToken).ConfigureAwait(false))
            {
                await responseStream.WriteAsync(record, context.CancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The subscriber went away.
        }
        finally
        {
            hub.Unsubscribe(subscription);
        }
    }
}
