using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using WideEvents.Shipper.Records;

namespace WideEvents.Shipper.Buffer;

/// <summary>
/// The on-disk framing of one run of records: length and CRC-32C of the payload, then source id,
/// first sequence, record count and the records' JSON lines. One CRC covers the whole run, so a
/// run torn by a crash is detected and dropped whole, never half-applied; its source re-sends it.
/// </summary>
internal static class RunFrame
{
    /// <summary>Length (4) and CRC (4).</summary>
    public const int HeaderBytes = 8;

    /// <summary>Id length (2), first sequence (8), count (4), before the id's bytes.</summary>
    private const int FixedPayloadBytes = 14;

    public static int SizeOf(RecordRun run) =>
        HeaderBytes + FixedPayloadBytes + Encoding.UTF8.GetByteCount(run.SourceId) + run.Lines.Length;

    public static void Write(IBufferWriter<byte> writer, RecordRun run)
    {
        int idBytes = Encoding.UTF8.GetByteCount(run.SourceId);
        int payload = FixedPayloadBytes + idBytes + run.Lines.Length;
        Span<byte> span = writer.GetSpan(HeaderBytes + payload);
        BinaryPrimitives.WriteUInt16LittleEndian(span[8..], (ushort)idBytes);
        Encoding.UTF8.GetBytes(run.SourceId, span.Slice(10, idBytes));
        BinaryPrimitives.WriteUInt64LittleEndian(span[(10 + idBytes)..], run.FirstSequence);
        BinaryPrimitives.WriteInt32LittleEndian(span[(18 + idBytes)..], run.Count);
        run.Lines.Span.CopyTo(span[(22 + idBytes)..]);
        BinaryPrimitives.WriteInt32LittleEndian(span, payload);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], Crc32C.Compute(span.Slice(HeaderBytes, payload)));
        writer.Advance(HeaderBytes + payload);
    }

    /// <summary>
    /// Reads the frame at the start of <paramref name="data"/>. Returns the frame's total length,
    /// 0 when <paramref name="data"/> holds only part of a frame, or -1 when the frame is corrupt.
    /// <paramref name="run"/> is set only when <paramref name="ids"/> is given (recovery only measures).
    /// </summary>
    public static int TryRead(ReadOnlySpan<byte> data, SourceIdCache? ids, out RecordRun? run)
    {
        run = null;
        if (data.Length < HeaderBytes)
        {
            return 0;
        }

        int payload = BinaryPrimitives.ReadInt32LittleEndian(data);
        if (payload < FixedPayloadBytes || payload > 64 * 1024 * 1024)
        {
            return -1;
        }

        if (data.Length < HeaderBytes + payload)
        {
            return 0;
        }

        ReadOnlySpan<byte> body = data.Slice(HeaderBytes, payload);
        if (Crc32C.Compute(body) != BinaryPrimitives.ReadUInt32LittleEndian(data[4..]))
        {
            return -1;
        }

        int idBytes = BinaryPrimitives.ReadUInt16LittleEndian(body);
        if (FixedPayloadBytes + idBytes > payload)
        {
            return -1;
        }

        int count = BinaryPrimitives.ReadInt32LittleEndian(body[(10 + idBytes)..]);
        if (count < 1)
        {
            return -1;
        }

        if (ids is not null)
        {
            string sourceId = ids.Get(body.Slice(2, idBytes));
            ulong first = BinaryPrimitives.ReadUInt64LittleEndian(body[(2 + idBytes)..]);
            run = new RecordRun(sourceId, first, count, body[(14 + idBytes)..].ToArray());
        }

        return HeaderBytes + payload;
    }
}
