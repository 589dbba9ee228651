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
/// Publishes the buffer's runs to a JetStream stream, one run (or a piece of a long one) per
/// message, up to <see cref="NatsSinkOptions.MaxPendingMessages"/> in flight. The cursor moves
/// past a run only once the stream has acknowledged it, and acknowledgements are taken in order, so
/// a crash re-publishes from the first run not acknowledged. Failures are retried forever with
/// capped, jittered back-off; a stream at its limits refuses publishes, which is back-pressure:
/// the buffer fills and sources wait.
/// </summary>
internal sealed class NatsSink : BackgroundService
{
    /// <summary>Below the server's 1 MiB default max_payload, with room for headers and framing.</summary>
    private const long MaxBytesPerMessage = 768L << 10;

    private readonly NatsSinkOptions _options;
    private readonly BufferReader _reader;
    private readonly ShipperMetrics _metrics;
    private readonly ILogger _logger;
    private readonly RetryDelays _delays;
    private readonly string _subject;

    public NatsSink(NatsSinkOptions options, DiskBuffer buffer, ShipperMetrics metrics, ILogger<NatsSink> logger)
    {
        _options = options;
        _reader = buffer.Reader(options.Name);
        _metrics = metrics;
        _logger = logger;
        _subject = NatsStreamSetup.Subject(options);
        _delays = new RetryDelays(new FullJitterBackoff(TimeSpan.FromSeconds(options.RetryBaseDelaySeconds), TimeSpan.FromSeconds(options.RetryMaxDelaySeconds)));
        metrics.RegisterLag("sink:" + options.Name, () => _reader.BytesBehind);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        NatsOpts opts = NatsConnections.Options(_options, "wide-shipper sink " + _options.Name, TimeSpan.FromSeconds(_options.PublishTimeoutSeconds));
        await using var connection = new NatsConnection(opts);
        var js = new NatsJSContext(connection);
        try
        {
            await RetryAsync(() => NatsStreamSetup.EnsureAsync(js, _options, _logger, stoppingToken), stoppingToken).ConfigureAwait(false);
            NatsLog.SinkReady(_logger, _options.Name, _subject, _options.Stream);
            while (!stoppingToken.IsCancellationRequested)
            {
                List<BufferedRun> runs = await _reader.ReadAsync(20_000, 32L << 20, stoppingToken).ConfigureAwait(false);
                List<Piece> pieces = Pieces(runs);
                var progress = new Progress();
                await RetryAsync(() => PublishAsync(js, pieces, progress, stoppingToken), stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>A message to publish; <see cref="Next"/> is set on the last piece of a buffered run (the cursor moves there once it is acknowledged).</summary>
    private sealed record Piece(RecordRun Run, BufferPosition? Next);

    private List<Piece> Pieces(List<BufferedRun> runs)
    {
        var pieces = new List<Piece>();
        foreach (BufferedRun buffered in runs)
        {
            List<RecordRun> split = [.. buffered.Run.Split(_options.MaxRecordsPerMessage, MaxBytesPerMessage)];
            for (int i = 0; i < split.Count; i++)
            {
                pieces.Add(new Piece(split[i], i == split.Count - 1 ? buffered.Next : null));
            }
        }

        return pieces;
    }

    /// <summary>How many pieces of a read are acknowledged: a retry publishes from there.</summary>
    private sealed class Progress
    {
        public int Done { get; set; }
    }

    /// <summary>Publishes the pieces not yet acknowledged, acknowledgements taken in order.</summary>
    private async Task PublishAsync(INatsJSContext js, List<Piece> pieces, Progress progress, CancellationToken cancellationToken)
    {
        var inFlight = new Queue<Task<PubAckResponse>>();
        int next = progress.Done;
        try
        {
            while (progress.Done < pieces.Count)
            {
                while (next < pieces.Count && inFlight.Count < _options.MaxPendingMessages)
                {
                    RecordRun run = pieces[next++].Run;
                    var pubOpts = new NatsJSPubOpts { MsgId = NatsMessage.MessageId(run) };
                    inFlight.Enqueue(js.PublishAsync(_subject, NatsMessage.Encode(run), opts: pubOpts, cancellationToken: cancellationToken).AsTask());
                }

                PubAckResponse ack = await inFlight.Dequeue().ConfigureAwait(false);
                ack.EnsureSuccess();
                Piece piece = pieces[progress.Done++];
                if (piece.Next is { } position)
                {
                    _reader.Commit(position);
                }

                _delays.Progress();
                _metrics.RecordsOut.Add(piece.Run.Count);
                _metrics.BytesOut.Add(piece.Run.Lines.Length);
            }
        }
        catch
        {
            // Publishes still in flight are abandoned: they are published again after the retry's
            // delay, and the stream drops those that did land (same message id).
            foreach (Task<PubAckResponse> abandoned in inFlight)
            {
                _ = abandoned.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            }

            throw;
        }
    }

    private async Task RetryAsync(Func<Task> attempt, CancellationToken cancellationToken)
    {
        for (int failures = 1; ; failures++)
        {
            try
            {
                await attempt().ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                Exception cause = e;
                TimeSpan delay = _delays.Next();
                _metrics.Retries.Increment();
                if (cause is NatsJSApiException full && full.Error.Description?.Contains("maximum", StringComparison.OrdinalIgnoreCase) == true)
                {
                    NatsLog.StreamFull(_logger, _options.Name, _options.Stream, full.Error.Description);
                }
                else
                {
                    NatsLog.SinkRetry(_logger, _options.Name, failures, delay.TotalSeconds, cause.GetType().Name, cause.Message);
                }

                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
