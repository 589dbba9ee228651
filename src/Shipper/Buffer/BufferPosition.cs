namespace WideEvents.Shipper.Buffer;

/// <summary>A place in the disk buffer: a segment file and a byte offset inside it.</summary>
internal readonly record struct BufferPosition(ulong Segment, long Offset) : IComparable<BufferPosition>
{
    public int CompareTo(BufferPosition other) =>
        Segment != other.Segment ? Segment.CompareTo(other.Segment) : Offset.CompareTo(other.Offset);

    public static bool operator <(BufferPosition a, BufferPosition b) => a.CompareTo(b) < 0;

    public static bool operator >(BufferPosition a, BufferPosition b) => a.CompareTo(b) > 0;

    public static bool operator <=(BufferPosition a, BufferPosition b) => a.CompareTo(b) <= 0;

    public static bool operator >=(BufferPosition a, BufferPosition b) => a.CompareTo(b) >= 0;
}
