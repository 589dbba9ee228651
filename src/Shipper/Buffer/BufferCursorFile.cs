using System.Buffers.Binary;

namespace WideEvents.Shipper.Buffer;

/// <summary>
/// A reader's committed position, replaced atomically by rename. It is not fsynced: a cursor
/// that falls back after a crash only re-sends acknowledged records, which receivers de-duplicate.
/// </summary>
internal static class BufferCursorFile
{
    public static BufferPosition? Load(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        byte[] data = File.ReadAllBytes(path);
        if (data.Length != 16)
        {
            return null;
        }

        return new BufferPosition(BinaryPrimitives.ReadUInt64LittleEndian(data), BinaryPrimitives.ReadInt64LittleEndian(data.AsSpan(8)));
    }

    public static void Save(string path, BufferPosition position)
    {
        Span<byte> data = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(data, position.Segment);
        BinaryPrimitives.WriteInt64LittleEndian(data[8..], position.Offset);
        string temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 0))
        {
            stream.Write(data);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
