using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using WideEvents.Contracts.Client;
using WideEvents.Contracts.V1;
using WideEvents.Shipper.Buffer;
using WideEvents.Shipper.Configuration;
using WideEvents.Shipper.Health;
using WideEvents.Shipper.Logging;

namespace WideEvents.Shipper.Sinks;

/// <summary>
/// Ships the buffer to another shipper or a collector over Ingest.Push. Each call sends what is
/// unacknowledged of a read-ahead window and ends when all of it is acknowledged; the cursor
/// moves with the acknowledgements. Calls go through a Polly pipeline: retry forever with capped
/// exponential backoff and full jitter, a circuit breaker, and a timeout per call.
/// </summary>
internal sealed class GrpcSink : BackgroundService
{
    /// <summary>
    /// A message's lines stay under the GC's large-object threshold (85,000 bytes) at both ends:
    /// every large-object allocation counts toward a gen2 collection, and with 200 KB messages the
    /// collector ran about 30 background gen2 collections a second at line rate (10 % of its CPU).
    /// A buffered run (at most <see cref="Records.RunBuilder.MaxRunBytes"/> and a record) then goes
    /// as one message, without joining copies.
    /// </summary>
    private const long MaxBytesPerBatch = 80_000;

    private readonly GrpcSinkOptions _options;
    private readonly BufferReader _reader;
    private readonly ShipperMetrics _metrics;
    private readonly ILogger _logger;
    private readonly GrpcChannel _channel;
    private readonly Contracts.V1.Ingest.IngestClient _client;
    private readonly Metadata _headers;
    private readonly ResiliencePipeline _pipeline;
    private readonly RetryDelays _delays;

    public GrpcSink(GrpcSinkOptions options, DiskBuffer buffer, ShipperMetrics metrics, TimeProvider time, ILogger<GrpcSink> logger)
    {
        _options = options;
        _reader = buffer.Reader(options.Name);
        _metrics = metrics;
        _logger = logger;
        _channel = GrpcSinkChannel.Create(options, options.Address);
        _client = new Contracts.V1.Ingest.IngestClient(_channel);
        _headers = IngestChannel.Headers(options.Token.Resolve());

        _delays = RetryDelays.Between(options.RetryBaseDelaySeconds, options.RetryMaxDelaySeconds);
        _pipeline = BuildPipeline(options, _delays, time, OnRetry);
        metrics.RegisterLag("sink:" + options.Name, () => _reader.BytesBehind);
    }

    /// <summary>
    /// Retry forever (delays from <paramref name="delays"/>) around a circuit breaker (open for
    /// <see cref="GrpcSinkOptions.BreakSeconds"/> once half of at least 3 calls in 30 s failed) around
    /// a timeout per call. Internal and static so that tests drive it on a clock of their own.
    /// </summary>
    internal static ResiliencePipeline BuildPipeline(GrpcSinkOptions options, RetryDelays delays, TimeProvider time, Func<OnRetryArguments<object>, ValueTask> onRetry)
    {
        var shouldHandle = new PredicateBuilder().Handle<Exception>(IngestChannel.ShouldRetry);
        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = shouldHandle,
                MaxRetryAttempts = int.MaxValue,
                DelayGenerator = _ => ValueTask.FromResult<TimeSpan?>(delays.Next()),
                OnRetry = onRetry,
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = shouldHandle,
                FailureRatio = 0.5,
                MinimumThroughput = 3,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = TimeSpan.FromSeconds(options.BreakSeconds),
            })
            .AddTimeout(TimeSpan.FromSeconds(options.CallTimeoutSeconds))
            .Build();
    }

    private ValueTask OnRetry(OnRetryArguments<object> args) => ReportRetry(_metrics, _logger, _options.Name, _options.Address, args);

    /// <summary>Counts a retry and says why: a refused token gets its own message, as only a person can fix it.</summary>
    internal static ValueTask ReportRetry(ShipperMetrics metrics, ILogger logger, string sink, string address, OnRetryArguments<object> args)
    {
        metrics.Retries.Increment();
        Exception? e = args.Outcome.Exception;
        if (e is RpcException { StatusCode: StatusCode.PermissionDenied or StatusCode.Unauthenticated })
        {
            ShipperLog.SinkRefused(logger, sink, address, e.Message);
        }
        else
        {
            ShipperLog.SinkRetry(logger, sink, address, args.AttemptNumber + 1, args.RetryDelay.TotalSeconds, e?.GetType().Name ?? "", e?.Message ?? "");
        }

        return ValueTask.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                List<BufferedRun> runs = await _reader.ReadAsync(_options.MaxRecordsPerCall, 32L << 20, stoppingToken).ConfigureAwait(false);
                var delivery = new PendingDelivery(runs);
                await _pipeline.ExecuteAsync(token => new ValueTask(SendAsync(delivery, token)), stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SendAsync(PendingDelivery delivery, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using AsyncDuplexStreamingCall<RecordBatch, Ack> call = _client.Push(_headers, cancellationToken: linked.Token);
        Task acknowledged = ReadAcksAsync(call.ResponseStream, delivery, linked.Token);
        try
        {
            foreach (RecordBatch batch in delivery.Batches(_options.MaxRecordsPerBatch, MaxBytesPerBatch))
            {
                await call.RequestStream.WriteAsync(batch, linked.Token).ConfigureAwait(false);
            }

            await call.RequestStream.CompleteAsync().ConfigureAwait(false);
        }
        catch
        {
            // The response stream carries the reason (status) when the write failed because the call did.
            await linked.CancelAsync().ConfigureAwait(false);
            await Task.WhenAny(acknowledged).ConfigureAwait(false);
            if (acknowledged.Exception?.InnerException is RpcException status)
            {
                throw status;
            }

            throw;
        }

        await acknowledged.ConfigureAwait(false);
        if (!delivery.Complete)
        {
            throw new IncompleteDeliveryException();
        }
    }

    private async Task ReadAcksAsync(IAsyncStreamReader<Ack> acks, PendingDelivery delivery, CancellationToken cancellationToken)
    {
        while (await acks.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            if (delivery.Acknowledge(acks.Current) is { } progress)
            {
                _reader.Commit(progress.Position);
                _delays.Progress();
                _metrics.RecordsOut.Add(progress.Records);
                _metrics.BytesOut.Add(progress.Bytes);
            }
        }
    }

    public override void Dispose()
    {
        _channel.Dispose();
        base.Dispose();
    }
}
