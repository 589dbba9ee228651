using Grpc.Core;
using Microsoft.Extensions.Logging;
using WideEvents.Contracts.V1;
using WideEvents.Shipper.Buffer;
using WideEvents.Shipper.Configuration;
using WideEvents.Shipper.Health;
using WideEvents.Shipper.Logging;
using WideEvents.Shipper.Records;
using WideEvents.Shipper.Security;

namespace WideEvents.Shipper.Ingest;

/// <summary>
/// What every receiving endpoint does with a batch of records (our Ingest protocol and OTLP):
/// check each record, widen it, drop what the source sent before, quarantine what is bad, and
/// queue the rest, in order, to the buffer (or the store). The returned acknowledgement completes
/// when the queued records are durable.
/// </summary>
internal sealed class BatchIntake(IRunDestination buffer, IngestDeduplicator deduplicator, QuarantineFile quarantine, ShipperOptions options, ShipperMetrics metrics, ILogger<BatchIntake> logger)
{
    private readonly int _maxLineBytes = options.MaxLineBytes;
    private readonly WideningFields _configuredFields = new(options.Grpc.Fields);

    /// <summary>
    /// Takes <paramref name="batch"/>. With <paramref name="assignSequences"/> the batch has no
    /// sequence of its own (OTLP): its records get the next ones of the source, under the source's gate.
    /// With a <paramref name="user"/> (the caller's token names one), every record is stamped with it.
    /// </summary>
    public async Task<Accepted> AcceptAsync(RecordBatch batch, RunBuilder runs, string peer, string? user, bool assignSequences, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(batch.SourceId) || (batch.FirstSequence == 0 && !assignSequences))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "A batch needs a source_id and a first_sequence of at least 1."));
        }

        if (batch.Records.Count > 0 && !batch.Lines.IsEmpty)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "A batch carries its records in records or in lines, not both."));
        }

        if (!batch.Lines.IsEmpty && batch.Lines.Span[^1] != (byte)'\n')
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "A batch's lines end with a newline (each record is followed by one)."));
        }

        WideningFields fields = user is not null ? UserStamp.Fields(user, AskedFields(batch))
            : batch.Widen.Count == 0 ? _configuredFields
            : new WideningFields(AskedFields(batch));
        IngestSourceState state = deduplicator.For(batch.SourceId);
        await state.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ulong first = assignSequences ? state.Through + 1 : batch.FirstSequence;
            if (state.Through > 0 && first > state.Through && first - state.Through > options.Grpc.MaxSequenceJump)
            {
                metrics.RefusedBatches.Increment();
                ShipperLog.SequenceJumpRefused(logger, batch.SourceId, peer, first, state.Through, options.Grpc.MaxSequenceJump);
                throw new RpcException(new Status(StatusCode.OutOfRange, $"Batch of source {batch.SourceId} starts at sequence {first}, more than Grpc:MaxSequenceJump past {state.Through}; refused, nothing acknowledged."));
            }

            bool[] present = new bool[fields.Count];
            ulong sequence = first;
            int quarantined = 0;
            if (batch.Lines.IsEmpty)
            {
                foreach (Google.Protobuf.ByteString bytes in batch.Records)
                {
                    quarantined += Take(bytes.Span, sequence++, batch.SourceId, state, fields, present, runs, peer, user);
                }
            }
            else if (fields.Count == 0 && first > state.Through && TakenAsTheyAre(batch.Lines.Span) is int count and > 0)
            {
                // Every record is fine as received and new: the received block is the run, not copied.
                runs.Add(new RecordRun(batch.SourceId, first, count, batch.Lines.Memory));
                sequence += (ulong)count;
            }
            else
            {
                foreach (ReadOnlySpan<byte> line in new RecordRun.LineEnumerator(batch.Lines.Span))
                {
                    quarantined += Take(line, sequence++, batch.SourceId, state, fields, present, runs, peer, user);
                }
            }

            if (!runs.IsEmpty)
            {
                state.Durable = await buffer.EnqueueAsync(runs.Take(), cancellationToken).ConfigureAwait(false);
            }

            state.Through = Math.Max(state.Through, sequence - 1);
            return new Accepted(new PendingAck(batch.SourceId, state.Through, state.Durable), quarantined);
        }
        catch (IOException e)
        {
            ShipperLog.IngestFailed(logger, batch.SourceId, e);
            throw new RpcException(new Status(StatusCode.Unavailable, "The buffer cannot take records."));
        }
        finally
        {
            runs.Clear();
            state.Gate.Release();
        }
    }

    /// <summary>What the sender asks to widen with, then the collector's own fields, which win.</summary>
    private KeyValuePair<string, string>[] AskedFields(RecordBatch batch) =>
        [.. batch.Widen.Where(f => !options.Grpc.Fields.ContainsKey(f.Key)), .. options.Grpc.Fields];

    /// <summary>
    /// The number of records in <paramref name="lines"/> when every one is a record exactly as it
    /// would be stored (no surrounding blanks, nothing to widen); 0 when any is not, and the lines
    /// are then taken one by one (quarantining, trimming).
    /// </summary>
    private int TakenAsTheyAre(ReadOnlySpan<byte> lines)
    {
        int count = 0;
        long withoutTime = 0;
        foreach (ReadOnlySpan<byte> json in new RecordRun.LineEnumerator(lines))
        {
            if (json.IsEmpty || json[0] != (byte)'{' || json[^1] != (byte)'}'
                || JsonLineInspector.Inspect(json, _maxLineBytes, WideningFields.None, [], out _, out bool hasTime) != LineVerdict.Record)
            {
                return 0;
            }

            withoutTime += hasTime ? 0 : 1;
            count++;
        }

        metrics.RecordsIn.Add(count);
        metrics.BytesIn.Add(lines.Length - count);
        metrics.RecordsWithoutTime.Add(withoutTime);
        return count;
    }

    /// <summary>Checks, widens and adds one received record, unless it was received before; 1 when it was quarantined.</summary>
    private int Take(ReadOnlySpan<byte> json, ulong sequence, string sourceId, IngestSourceState state, WideningFields fields, bool[] present, RunBuilder runs, string peer, string? user)
    {
        if (sequence <= state.Through)
        {
            metrics.DuplicatesDropped.Increment();
            return 0;
        }

        LineVerdict verdict = JsonLineInspector.Inspect(json, _maxLineBytes, fields, present, out bool hasProperties, out bool hasTime);
        if (verdict == LineVerdict.Record && user is not null && present[0])
        {
            // The record names a user of its own: that is a claim, not who sent it.
            json = UserStamp.Restamp(json, user);
            verdict = JsonLineInspector.Inspect(json, _maxLineBytes, fields, present, out hasProperties, out hasTime);
        }

        if (verdict == LineVerdict.Record)
        {
            runs.Begin(sourceId, sequence);
            int bytes = fields.WriteTo(runs.Writer, json, present, hasProperties);
            runs.End();
            metrics.RecordsIn.Increment();
            metrics.BytesIn.Add(bytes);
            if (!hasTime)
            {
                metrics.RecordsWithoutTime.Increment();
            }

            return 0;
        }

        if (verdict != LineVerdict.Blank)
        {
            quarantine.Add("ingest", sourceId, peer, (long)sequence, json.Length, verdict, json);
            return 1;
        }

        return 0;
    }

    /// <summary>A taken batch: its acknowledgement and how many of its records were quarantined.</summary>
    public readonly record struct Accepted(PendingAck Ack, int Quarantined);
}
