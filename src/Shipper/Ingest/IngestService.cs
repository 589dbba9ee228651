using System.Threading.Channels;
using Grpc.Core;
using WideEvents.Contracts.V1;
using WideEvents.Shipper.Records;
using WideEvents.Shipper.Security;

namespace WideEvents.Shipper.Ingest;

/// <summary>
/// The gRPC Ingest source. Batches are taken in order by <see cref="BatchIntake"/>; each
/// batch's acknowledgement is sent once its records are durable in the buffer, while the
/// next batches are already being queued, so one fsync can cover several batches.
/// </summary>
internal sealed class IngestService(BatchIntake intake) : Contracts.V1.Ingest.IngestBase
{
    public override async Task Push(IAsyncStreamReader<RecordBatch> requestStream, IServerStreamWriter<Ack> responseStream, ServerCallContext context)
    {
        CancellationToken cancellationToken = context.CancellationToken;
        var pending = Channel.CreateBounded<PendingAck>(64);
        Task acknowledging = AcknowledgeAsync(pending.Reader, responseStream, cancellationToken);
        var runs = new RunBuilder();
        string? user = BearerTokenInterceptor.UserOf(context);
        try
        {
            await foreach (RecordBatch batch in requestStream.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                BatchIntake.Accepted accepted = await intake.AcceptAsync(batch, runs, context.Peer, user, assignSequences: false, cancellationToken).ConfigureAwait(false);
                await pending.Writer.WriteAsync(accepted.Ack, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            pending.Writer.TryComplete();
        }

        await acknowledging.ConfigureAwait(false);
    }

    private static async Task AcknowledgeAsync(ChannelReader<PendingAck> pending, IServerStreamWriter<Ack> responseStream, CancellationToken cancellationToken)
    {
        await foreach (PendingAck ack in pending.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            await ack.Durable.WaitAsync(cancellationToken).ConfigureAwait(false);
            await responseStream.WriteAsync(new Ack { SourceId = ack.SourceId, DurableThrough = ack.Through }, cancellationToken).ConfigureAwait(false);
        }
    }
}
