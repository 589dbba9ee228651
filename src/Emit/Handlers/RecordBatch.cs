namespace WideEvents.Emit;

/// <summary>
/// Records handed to an <see cref="IRecordWriter"/> together: the same bytes seen two ways,
/// as whole newline-terminated lines in a few large chunks (for files and sockets: one write
/// per chunk) and as single records without their newline (for writers that frame records
/// themselves). Valid only during the <see cref="IRecordWriter.WriteAsync"/> call.
/// </summary>
public sealed class RecordBatch
{
    private readonly List<ReadOnlyMemory<byte>> _chunks = [];
    private readonly List<(int Chunk, int Start, int Length)> _records = [];
    private readonly List<ReadOnlyMemory<byte>> _recordSlices = [];
    private bool _slicesBuilt;

    /// <summary>How many records the batch holds.</summary>
    public int Count => _records.Count;

    /// <summary>Chunks of whole lines, each line one record followed by <c>\n</c>.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Lines => _chunks;

    /// <summary>The records one by one, each the CLEF JSON object without its newline.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Records
    {
        get
        {
            if (!_slicesBuilt)
            {
                foreach (var (chunk, start, length) in _records)
                {
                    _recordSlices.Add(_chunks[chunk].Slice(start, length));
                }

                _slicesBuilt = true;
            }

            return _recordSlices;
        }
    }

    internal void AddChunk(ReadOnlyMemory<byte> lines, List<int> recordEnds)
    {
        var chunk = _chunks.Count;
        _chunks.Add(lines);
        var start = 0;
        foreach (var end in recordEnds)
        {
            _records.Add((chunk, start, end - start));
            start = end + 1;
        }
    }

    internal void Clear()
    {
        _chunks.Clear();
        _records.Clear();
        _recordSlices.Clear();
        _slicesBuilt = false;
    }
}
