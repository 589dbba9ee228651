using Grpc.Core;
using OpenTelemetry.Proto.Resource.V1;
using WideEvents.Shipper.Ingest;
using WideEvents.Shipper.Records;

namespace WideEvents.Shipper.Otlp;

/// <summary>
/// One OTLP export request on its way in: each resource's records go to <see cref="BatchIntake"/>
/// as a batch of their own source, and the request is answered once all of them are durable, as
/// our own Ingest acknowledges (OTLP clients retry what is not answered with success).
/// </summary>
internal sealed class OtlpIntake(BatchIntake intake, ServerCallContext context)
{
    private readonly RunBuilder _runs = new();
    private readonly List<Task> _durable = [];

    public OtlpLines Lines { get; } = new();

    /// <summary>Records quarantined so far (a record too long for <c>MaxLineBytes</c>, say).</summary>
    public int Quarantined { get; private set; }

    /// <summary>Takes the records written to <see cref="Lines"/> for <paramref name="resource"/>, and clears them.</summary>
    public async Task TakeAsync(Resource? resource)
    {
        if (Lines.Count == 0)
        {
            return;
        }

        BatchIntake.Accepted accepted = await intake.AcceptAsync(Lines.ToBatch(OtlpSource.IdOf(resource)), _runs, context.Peer, Security.BearerTokenInterceptor.UserOf(context), assignSequences: true, context.CancellationToken).ConfigureAwait(false);
        Lines.Clear();
        Quarantined += accepted.Quarantined;
        _durable.Add(accepted.Ack.Durable);
    }

    public Task DurableAsync() => Task.WhenAll(_durable).WaitAsync(context.CancellationToken);

    public static ulong NowNanos() => (ulong)(DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
}
