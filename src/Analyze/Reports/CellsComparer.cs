namespace WideEvents.Analyze.Reports;

/// <summary>Compares packed cell arrays by content, and looks them up by span without copying.</summary>
internal sealed class CellsComparer : IEqualityComparer<long[]>, IAlternateEqualityComparer<ReadOnlySpan<long>, long[]>
{
    public static CellsComparer Instance { get; } = new();

    public bool Equals(long[]? x, long[]? y) => x.AsSpan().SequenceEqual(y);

    public int GetHashCode(long[] obj) => GetHashCode((ReadOnlySpan<long>)obj);

    public bool Equals(ReadOnlySpan<long> alternate, long[] other) => alternate.SequenceEqual(other);

    public int GetHashCode(ReadOnlySpan<long> alternate)
    {
        var h = new HashCode();
        h.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(alternate));
        return h.ToHashCode();
    }

    public long[] Create(ReadOnlySpan<long> alternate) => alternate.ToArray();
}
