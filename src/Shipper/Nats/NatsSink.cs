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
/// Publishes the buffer's runs to a JetStream stream, consecutive runs of a source joined into
/// one message, up to <see cref="NatsSinkOptions.MaxPendingMessages"/> in flight (one per source). The cursor moves
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
        _delays = RetryDelays.Between(options.RetryBaseDelaySeconds, options.RetryMaxDelaySeconds);
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

    /// <summary>A message to publish: consecutive records of one source; <see cref="Next"/> is the buffer position its acknowledgement lets the cursor move to, if any.</summary>
    private sealed record Piece(RecordRun Run, BufferPosition? Next);

    /// <summary>
    /// The read runs as messages: consecutive runs of one source joined up to the record and byte
    /// limits (every message costs a round trip to the stream's replicas), a longer run cut.
    /// </summary>
    private List<Piece> Pieces(List<BufferedRun> runs)
    {
        var pieces = new List<Piece>();
        var joined = new List<RecordRun>();
        int records = 0;
        long bytes = 0;
        BufferPosition? next = null;
        foreach (BufferedRun buffered in runs)
        {
            List<RecordRun> split = [.. buffered.Run.Split(_options.MaxRecordsPerMessage, MaxBytesPerMessage)];
            for (int i = 0; i < split.Count; i++)
            {
                RecordRun piece = split[i];
                bool follows = joined.Count > 0 && joined[^1].SourceId == piece.SourceId && joined[^1].LastSequence + 1 == piece.FirstSequence;
                if (!follows || records + piece.Count > _options.MaxRecordsPerMessage || bytes + piece.Lines.Length > MaxBytesPerMessage)
                {
                    Flush(joined, next, pieces);
                    records = 0;
                    bytes = 0;
                    next = null;
                }

                joined.Add(piece);
                records += piece.Count;
                bytes += piece.Lines.Length;
                next = i == split.Count - 1 ? buffered.Next : next;
            }
        }

        Flush(joined, next, pieces);
        return pieces;
    }

    private static void Flush(List<RecordRun> joined, BufferPosition? next, List<Piece> pieces)
    {
        if (joined.Count == 0)
        {
            return;
        }

        RecordRun run = RecordRun.Join(joined);
        pieces.Add(new Piece(run, next));
        joined.Clear();
    }

    /// <summary>How many pieces of a read are acknowledged: a retry publishes from there.</summary>
    private sealed class Progress
    {
        public int Done { get; set; }
    }

    /// <summary>
    /// Publishes the pieces not yet acknowledged, in order, acknowledgements taken in order. At
    /// most one message of a source is in flight: were a later one to land while an earlier one
    /// failed, the stream would hold the source's records out of order, and the store, which keeps
    /// a high-water mark per source, would then drop the earlier records as duplicates.
    /// </summary>
    private async Task PublishAsync(INatsJSContext js, List<Piece> pieces, Progress progress, CancellationToken cancellationToken)
    {
        var inFlight = new Queue<(string SourceId, Task<PubAckResponse> Ack)>();
        var sourcesInFlight = new HashSet<string>(StringComparer.Ordinal);
        int next = progress.Done;
        try
        {
            while (progress.Done < pieces.Count)
            {
                while (next < pieces.Count && inFlight.Count < _options.MaxPendingMessages && !sourcesInFlight.Contains(pieces[next].Run.SourceId))
                {
                    RecordRun run = pieces[next++].Run;
                    var pubOpts = new NatsJSPubOpts { MsgId = NatsMessage.MessageId(run) };
                    sourcesInFlight.Add(run.SourceId);
                    inFlight.Enqueue((run.SourceId, js.PublishAsync(_subject, NatsMessage.Encode(run), opts: pubOpts, cancellationToken: cancellationToken).AsTask()));
                }

                (string sourceId, Task<PubAckResponse> pending) = inFlight.Dequeue();
                await AcknowledgedAsync(pending).ConfigureAwait(false);
                sourcesInFlight.Remove(sourceId);
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
            foreach ((string _, Task<PubAckResponse> abandoned) in inFlight)
            {
                _ = abandoned.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            }

            throw;
        }
    }

    /// <summary>Waits for a publish's acknowledgement; a duplicate (published before a crash or a failed attempt, same message id) is acknowledged too: the stream has it.</summary>
    private static async Task AcknowledgedAsync(Task<PubAckResponse> publish)
    {
        try
        {
            (await publish.ConfigureAwait(false)).EnsureSuccess();
        }
        catch (NatsJSDuplicateMessageException)
        {
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
