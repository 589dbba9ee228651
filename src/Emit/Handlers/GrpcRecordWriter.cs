using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Polly;
using WideEvents.Contracts.Client;
using WideEvents.Contracts.V1;
using WireBatch = WideEvents.Contracts.V1.RecordBatch;

namespace WideEvents.Emit.Handlers;

/// <summary>
/// Ships batches over the Ingest service's bidirectional stream. Every record gets a sequence
/// number under this writer's source id and is kept until the receiver acknowledges it as
/// durable; after a reconnect everything unacknowledged is sent again, and the receiver drops
/// what it already has. The unacknowledged window is bounded: when it is full, writing waits,
/// the handler's queue fills, and what overflows is dropped and counted.
/// </summary>
internal sealed class GrpcRecordWriter : IRecordWriter, IShutdownWithin
{
    private const int MaxUnacknowledged = 100_000;
    private const int MaxRecordsPerBatch = 2048;
    private const int MaxBytesPerBatch = 1 << 20;

    private readonly GrpcChannel _channel;
    private readonly Ingest.IngestClient _client;
    private readonly Metadata _headers;
    private readonly ResiliencePipeline _reconnect;
    private readonly string _address;
    // Records not yet sent on the current stream, and records sent but not yet acknowledged;
    // both in sequence order. A new stream puts the second back in front of the first.
    private readonly Queue<(ulong Sequence, ByteString Record)> _unsent = new();
    private readonly Queue<(ulong Sequence, ByteString Record)> _inFlight = new();
    private readonly SemaphoreSlim _acknowledged = new(0);
    private readonly object _gate = new();
    private AsyncDuplexStreamingCall<WireBatch, Ack>? _call;
    private ulong _nextSequence = 1;
    private ulong _ackedThrough;
    private bool _broken;
    private bool _outageReported;

    public GrpcRecordWriter(string address, string? token, string? trustedCertificatePath)
    {
        _address = address;
        SourceId = ObjectIdentity.NewId();

        // The channel's own reconnect back-off is kept short so that ReconnectPipeline's governs.
        _channel = IngestChannel.Create(address, trustedCertificatePath, TimeSpan.FromSeconds(1));
        _client = new Ingest.IngestClient(_channel);
        _headers = IngestChannel.Headers(token);

        _reconnect = ReconnectPipeline.Create(TimeSpan.FromSeconds(5), OnRetry);
    }

    /// <summary>The stable id this writer's batches carry, for de-duplication at the receiver.</summary>
    public string SourceId { get; }

    public async ValueTask WriteAsync(RecordBatch batch, CancellationToken cancellationToken)
    {
        var records = batch.Records;
        lock (_gate)
        {
            for (var i = 0; i < records.Count; i++)
            {
                _unsent.Enqueue((_nextSequence++, ByteString.CopyFrom(records[i].Span)));
            }
        }

        await _reconnect.ExecuteAsync(static (self, ct) => self.SendUnsentAsync(ct), this, cancellationToken).ConfigureAwait(false);

        while (UnacknowledgedCount > MaxUnacknowledged)
        {
            await _acknowledged.WaitAsync(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            await _reconnect.ExecuteAsync(static (self, ct) => self.SendUnsentAsync(ct), this, cancellationToken).ConfigureAwait(false);
        }
    }

    public ValueTask FlushAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => DisposeAsync(TimeSpan.FromSeconds(1));

    public async ValueTask DisposeAsync(TimeSpan budget)
    {
        // Give the receiver what is left of the shutdown budget to acknowledge the tail; resend
        // it if the stream broke.
        using var patience = new CancellationTokenSource(budget);
        try
        {
            while (UnacknowledgedCount > 0)
            {
                await _reconnect.ExecuteAsync(static (self, ct) => self.SendUnsentAsync(ct), this, patience.Token).ConfigureAwait(false);
                await _acknowledged.WaitAsync(TimeSpan.FromMilliseconds(200), patience.Token).ConfigureAwait(false);
            }

            if (_call is not null)
            {
                await _call.RequestStream.CompleteAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or RpcException or IOException)
        {
            StderrReporter.Report($"gRPC handler closed with {UnacknowledgedCount} records not acknowledged by {_address}");
        }

        _call?.Dispose();
        _channel.Dispose();
        _acknowledged.Dispose();
    }

    private int UnacknowledgedCount
    {
        get
        {
            lock (_gate)
            {
                return _unsent.Count + _inFlight.Count;
            }
        }
    }

    private async ValueTask SendUnsentAsync(CancellationToken cancellationToken)
    {
        var call = EnsureCall(cancellationToken);
        while (true)
        {
            var batch = NextBatch();
            if (batch is null)
            {
                return;
            }

            try
            {
                await call.RequestStream.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is RpcException or IOException or InvalidOperationException)
            {
                MarkBroken();
                throw new IOException($"stream to {_address} broke: {ex.Message}", ex);
            }
        }
    }

    /// <summary>Moves the next records from unsent to in flight, as one batch; null when none are left.</summary>
    private WireBatch? NextBatch()
    {
        lock (_gate)
        {
            if (_unsent.Count == 0)
            {
                return null;
            }

            var batch = new WireBatch { SourceId = SourceId, FirstSequence = _unsent.Peek().Sequence };
            var bytes = 0;
            while (_unsent.Count > 0 && batch.Records.Count < MaxRecordsPerBatch && bytes < MaxBytesPerBatch)
            {
                var next = _unsent.Dequeue();
                _inFlight.Enqueue(next);
                batch.Records.Add(next.Record);
                bytes += next.Record.Length;
            }

            return batch;
        }
    }

    private AsyncDuplexStreamingCall<WireBatch, Ack> EnsureCall(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_call is not null && !_broken)
            {
                return _call;
            }

            _call?.Dispose();
            _broken = false;

            // A new stream starts from the first unacknowledged record.
            if (_inFlight.Count > 0)
            {
                var resend = _inFlight.Concat(_unsent).ToList();
                _inFlight.Clear();
                _unsent.Clear();
                foreach (var record in resend)
                {
                    _unsent.Enqueue(record);
                }
            }
            var call = Spans.OwnCalls.Run(() => _client.Push(_headers, cancellationToken: CancellationToken.None));
            _call = call;
            _ = Task.Run(() => ReadAcknowledgementsAsync(call), CancellationToken.None);
            return call;
        }
    }

    private async Task ReadAcknowledgementsAsync(AsyncDuplexStreamingCall<WireBatch, Ack> call)
    {
        try
        {
            await foreach (var ack in call.ResponseStream.ReadAllAsync().ConfigureAwait(false))
            {
                lock (_gate)
                {
                    if (ack.DurableThrough > _ackedThrough)
                    {
                        _ackedThrough = ack.DurableThrough;
                    }

                    while (_inFlight.Count > 0 && _inFlight.Peek().Sequence <= _ackedThrough)
                    {
                        _inFlight.Dequeue();
                    }
                }

                _acknowledged.Release();

                // A stream is opened before the receiver is known to be there: only an
                // acknowledgement says the outage is over.
                if (_outageReported)
                {
                    _outageReported = false;
                    StderrReporter.Report($"gRPC handler reconnected to {_address}");
                }
            }
        }
        catch (Exception ex) when (ex is RpcException or IOException or ObjectDisposedException)
        {
        }

        lock (_gate)
        {
            if (ReferenceEquals(_call, call))
            {
                _broken = true;
            }
        }
    }

    private void MarkBroken()
    {
        lock (_gate)
        {
            _broken = true;
        }
    }

    private void OnRetry(Exception? ex)
    {
        if (!_outageReported)
        {
            _outageReported = true;
            StderrReporter.Report($"gRPC handler cannot reach {_address} ({ex?.Message}); retrying with backoff, unacknowledged records are kept");
        }
    }
}
