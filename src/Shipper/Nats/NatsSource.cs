using System.Buffers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using WideEvents.Shipper.Buffer;
using WideEvents.Shipper.Configuration;
using WideEvents.Shipper.Health;
using WideEvents.Shipper.Records;
using WideEvents.Shipper.Sinks;

namespace WideEvents.Shipper.Nats;

/// <summary>
/// Takes runs from a JetStream stream with a durable pull consumer and hands them to the
/// collector's destination (the store, or the buffer). A message is acknowledged only once its
/// run is durable there (the store fsynced); until then, or when this process dies, JetStream
/// delivers it again after <see cref="NatsSourceOptions.AckWaitSeconds"/>, and the store drops
/// the records it already has by (source, sequence). Runs are queued without waiting for each
/// one's fsync, so one store write and fsync covers many messages.
/// </summary>
internal sealed class NatsSource : BackgroundService
{
    /// <summary>JetStream's error code for "consumer not found".</summary>
    private const int ConsumerNotFound = 10014;

    private readonly NatsSourceOptions _options;
    private readonly IRunDestination _destination;
    private readonly ShipperMetrics _metrics;
    private readonly ILogger _logger;
    private readonly RetryDelays _delays = new(new FullJitterBackoff(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5)));

    public NatsSource(NatsSourceOptions options, IRunDestination destination, ShipperMetrics metrics, ILogger<NatsSource> logger)
    {
        _options = options;
        _destination = destination;
        _metrics = metrics;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        NatsOpts opts = NatsConnections.Options(_options, "wide-shipper source " + _options.Name, TimeSpan.FromSeconds(10));
        await using var connection = new NatsConnection(opts);
        var js = new NatsJSContext(connection);
        for (int failures = 1; !stoppingToken.IsCancellationRequested; failures++)
        {
            try
            {
                await ConsumeAsync(js, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                TimeSpan delay = _delays.Next();
                NatsLog.SourceRetry(_logger, _options.Name, failures, delay.TotalSeconds, e.GetType().Name, e.Message);
                try
                {
                    await Task.Delay(delay, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private async Task ConsumeAsync(INatsJSContext js, CancellationToken cancellationToken)
    {
        var config = new ConsumerConfig(_options.Durable)
        {
            DurableName = _options.Durable,
            DeliverPolicy = ConsumerConfigDeliverPolicy.All,
            AckPolicy = ConsumerConfigAckPolicy.Explicit,
            AckWait = TimeSpan.FromSeconds(_options.AckWaitSeconds),
            MaxAckPending = _options.MaxAckPending,
            FilterSubject = string.IsNullOrEmpty(_options.FilterSubject) ? null : _options.FilterSubject,
        };
        // The consumer starts over from the oldest message still in the stream (a work queue keeps
        // exactly the unacknowledged ones). Resuming it instead would deliver new messages at once
        // and those delivered to us before (a killed collector's) only after AckWait: a source's
        // later records would reach the store first, and its high-water mark would then drop the
        // earlier ones as duplicates. Hence one collector per durable (docs/shipper.md).
        try
        {
            await js.DeleteConsumerAsync(_options.Stream, _options.Durable, cancellationToken).ConfigureAwait(false);
        }
        catch (NatsJSApiException e) when (e.Error.ErrCode == ConsumerNotFound)
        {
        }

        INatsJSConsumer consumer = await js.CreateOrUpdateConsumerAsync(_options.Stream, config, cancellationToken).ConfigureAwait(false);
        NatsLog.SourceReady(_logger, _options.Name, _options.Stream, _options.Durable, config.FilterSubject ?? "all");
        var consumeOpts = new NatsJSConsumeOpts { MaxMsgs = Math.Min(_options.MaxAckPending, 1_000) };
        ulong delivered = 0;
        await foreach (NatsJSMsg<ReadOnlySequence<byte>> message in consumer.ConsumeAsync<ReadOnlySequence<byte>>(opts: consumeOpts, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            // Deliveries are numbered without gaps. A gap means deliveries were lost on the way (a
            // server or the connection went down): JetStream would send those again only after
            // AckWait, behind what follows them, so the consumer starts over instead, in order.
            ulong delivery = message.Metadata?.Sequence.Consumer ?? 0;
            if (delivery != delivered + 1)
            {
                NatsLog.DeliveryGap(_logger, _options.Name, delivered + 1, delivery);
                return;
            }

            delivered = delivery;
            _delays.Progress();
            RecordRun? run = NatsMessage.Decode(message.Data, out string? problem);
            if (run is null)
            {
                NatsLog.BadMessage(_logger, _options.Name, message.Metadata?.Sequence.Stream ?? 0, message.Subject, problem ?? "");
                _metrics.Quarantined.Increment();
                await message.AckTerminateAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                continue;
            }

            _metrics.RecordsIn.Add(run.Count);
            _metrics.BytesIn.Add(run.Lines.Length);
            Task durable = await _destination.EnqueueAsync([run], cancellationToken).ConfigureAwait(false);
            _ = AcknowledgeWhenDurableAsync(durable, message, cancellationToken);
        }
    }

    /// <summary>Acknowledges once the run is durable; a run that failed to be stored is left unacknowledged, so JetStream delivers it again.</summary>
    private static async Task AcknowledgeWhenDurableAsync(Task durable, NatsJSMsg<ReadOnlySequence<byte>> message, CancellationToken cancellationToken)
    {
        try
        {
            await durable.ConfigureAwait(false);
            await message.AckAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or NatsException)
        {
        }
    }
}
