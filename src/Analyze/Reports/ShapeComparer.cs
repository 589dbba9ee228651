namespace WideEvents.Analyze.Reports;

/// <summary>Compares entity shapes: sorted arrays of step ids.</summary>
internal sealed class ShapeComparer : IEqualityComparer<int[]>
{
    public static ShapeComparer Instance { get; } = new();

    public bool Equals(int[]? x, int[]? y) => x.AsSpan().SequenceEqual(y);

    public int GetHashCode(int[] shape)
    {
        var h = new HashCode();
        h.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(shape.AsSpan()));
        return h.ToHashCode();
    }
}
