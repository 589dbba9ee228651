using System.Buffers;
using Google.Protobuf;
using WideEvents.Contracts.V1;
using WideEvents.Shipper.Records;

namespace WideEvents.Shipper.Nats;

/// <summary>
/// A run as one JetStream message: the gRPC path's <see cref="RecordBatch"/> (source id, first
/// sequence, JSON lines), so a collector takes it exactly as Ingest would. The message id names the
/// run (source, first and last sequence): a run published again after a crash is dropped by the
/// stream's de-duplication window, and one that slips past the window by the store's.
/// </summary>
internal static class NatsMessage
{
    public static byte[] Encode(RecordRun run) => new RecordBatch
    {
        SourceId = run.SourceId,
        FirstSequence = run.FirstSequence,
        Lines = UnsafeByteOperations.UnsafeWrap(run.Lines),
    }.ToByteArray();

    public static string MessageId(RecordRun run) => $"{run.SourceId}:{run.FirstSequence}-{run.LastSequence}";

    /// <summary>The run in a message, or null with the reason when it is not one a sink published.</summary>
    public static RecordRun? Decode(ReadOnlySequence<byte> data, out string? problem)
    {
        problem = null;
        RecordBatch batch;
        try
        {
            batch = RecordBatch.Parser.ParseFrom(data);
        }
        catch (InvalidProtocolBufferException e)
        {
            problem = e.Message;
            return null;
        }

        ReadOnlySpan<byte> lines = batch.Lines.Span;
        if (batch.SourceId.Length == 0 || batch.FirstSequence == 0 || lines.IsEmpty || lines[^1] != (byte)'\n')
        {
            problem = "no source id, no first sequence, or no newline-terminated lines";
            return null;
        }

        return new RecordRun(batch.SourceId, batch.FirstSequence, lines.Count((byte)'\n'), batch.Lines.Memory);
    }
}
