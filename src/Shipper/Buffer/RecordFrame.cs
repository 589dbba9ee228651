using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using WideEvents.Shipper.Records;

namespace WideEvents.Shipper.Buffer;

/// <summary>
/// The on-disk framing of one record: length, CRC-32C, then source id, sequence and JSON.
/// The CRC lets recovery find the end of the last complete write after a crash tore it.
/// </summary>
internal static class RecordFrame
{
    /// <summary>Length (4) and CRC (4).</summary>
    public const int HeaderBytes = 8;

    public static int SizeOf(SourcedRecord record) =>
        HeaderBytes + 2 + Encoding.UTF8.GetByteCount(record.SourceId) + 8 + record.Json.Length;

    public static void Write(IBufferWriter<byte> writer, SourcedRecord record)
    {
        int idBytes = Encoding.UTF8.GetByteCount(record.SourceId);
        int payload = 2 + idBytes + 8 + record.Json.Length;
        Span<byte> span = writer.GetSpan(HeaderBytes + payload);
        BinaryPrimitives.WriteUInt16LittleEndian(span[8..], (ushort)idBytes);
        Encoding.UTF8.GetBytes(record.SourceId, span.Slice(10, idBytes));
        BinaryPrimitives.WriteUInt64LittleEndian(span[(10 + idBytes)..], record.Sequence);
        record.Json.Span.CopyTo(span[(18 + idBytes)..]);
        BinaryPrimitives.WriteInt32LittleEndian(span, payload);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], Crc32C.Compute(span.Slice(HeaderBytes, payload)));
        writer.Advance(HeaderBytes + payload);
    }

    /// <summary>
    /// Reads the frame at the start of <paramref name="data"/>. Returns the frame's total length,
    /// 0 when <paramref name="data"/> holds only part of a frame, or -1 when the frame is corrupt.
    /// </summary>
    public static int TryRead(ReadOnlySpan<byte> data, SourceIdCache ids, out SourcedRecord? record)
    {
        record = null;
        if (data.Length < HeaderBytes)
        {
            return 0;
        }

        int payload = BinaryPrimitives.ReadInt32LittleEndian(data);
        if (payload < 10 || payload > 64 * 1024 * 1024)
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
        if (2 + idBytes + 8 > payload)
        {
            return -1;
        }

        string sourceId = ids.Get(body.Slice(2, idBytes));
        ulong sequence = BinaryPrimitives.ReadUInt64LittleEndian(body[(2 + idBytes)..]);
        byte[] json = body[(10 + idBytes)..].ToArray();
        record = new SourcedRecord(sourceId, sequence, json);
        return HeaderBytes + payload;
    }
}
