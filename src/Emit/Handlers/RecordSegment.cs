using System.Runtime.CompilerServices;

namespace WideEvents.Emit.Handlers;

/// <summary>
/// A block of newline-terminated records that callers append to and the drain task writes
/// as one chunk. Segments are recycled, so queueing a record allocates nothing.
/// </summary>
internal sealed class RecordSegment(int capacity)
{
    public const int StandardSize = 64 * 1024;

    public byte[] Buffer { get; } = new byte[capacity];

    public int Length { get; private set; }

    /// <summary>Where each record ends (the index of its newline).</summary>
    public List<int> RecordEnds { get; } = [];

    public int Count => RecordEnds.Count;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryAppend(ReadOnlySpan<byte> record)
    {
        if (Length + record.Length + 1 > Buffer.Length)
        {
            return false;
        }

        record.CopyTo(Buffer.AsSpan(Length));
        Length += record.Length;
        RecordEnds.Add(Length);
        Buffer[Length++] = (byte)'\n';
        return true;
    }

    public ReadOnlyMemory<byte> Lines => new(Buffer, 0, Length);

    /// <summary>Keeps the first <paramref name="count"/> records and forgets the rest.</summary>
    public void KeepFirst(int count)
    {
        if (count >= RecordEnds.Count)
        {
            return;
        }

        Length = count == 0 ? 0 : RecordEnds[count - 1] + 1;
        RecordEnds.RemoveRange(count, RecordEnds.Count - count);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Reset()
    {
        Length = 0;
        RecordEnds.Clear();
    }
}
