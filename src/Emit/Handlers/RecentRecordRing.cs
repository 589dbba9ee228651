namespace WideEvents.Emit.Handlers;

/// <summary>
/// The most recent records, bounded by count, bytes and age: each batch the handler writes is kept
/// as one array (one allocation per batch, on the handler's thread), and the oldest records are
/// forgotten first. Queries copy what matches under the lock and answer outside it.
/// </summary>
internal sealed class RecentRecordRing(int maxRecords, long maxBytes, TimeSpan maxAge, TimeProvider clock)
{
    private readonly Queue<Chunk> _chunks = new();
    private int _records;
    private long _bytes;

    public int Count
    {
        get
        {
            lock (_chunks)
            {
                return _records;
            }
        }
    }

    public void Add(RecordBatch batch)
    {
        var data = new byte[batch.Lines.Sum(l => l.Length)];
        var ends = new int[batch.Count];
        var length = 0;
        var record = 0;
        foreach (var lines in batch.Lines)
        {
            lines.Span.CopyTo(data.AsSpan(length));
            for (var i = lines.Span.IndexOf((byte)'\n'); i >= 0; i = NextNewline(lines.Span, i))
            {
                ends[record++] = length + i;
            }

            length += lines.Length;
        }

        lock (_chunks)
        {
            _chunks.Enqueue(new Chunk(clock.GetUtcNow(), data, ends));
            _records += ends.Length;
            _bytes += data.Length;
            Trim();
        }
    }

    /// <summary>The newline-terminated records <paramref name="query"/> selects, oldest first.</summary>
    public byte[] Select(RecentQuery query)
    {
        var matches = new List<ReadOnlyMemory<byte>>();
        lock (_chunks)
        {
            Trim();
            foreach (var chunk in _chunks)
            {
                for (var i = chunk.First; i < chunk.Ends.Length; i++)
                {
                    var start = i == 0 ? 0 : chunk.Ends[i - 1] + 1;
                    var line = chunk.Data.AsMemory(start, chunk.Ends[i] - start + 1);
                    if (query.Matches(line.Span[..^1]))
                    {
                        matches.Add(line);
                    }
                }
            }

            var skip = query.Limit is int limit ? Math.Max(0, matches.Count - limit) : 0;
            var answer = new byte[matches.Skip(skip).Sum(m => m.Length)];
            var at = 0;
            foreach (var match in matches.Skip(skip))
            {
                match.Span.CopyTo(answer.AsSpan(at));
                at += match.Length;
            }

            return answer;
        }
    }

    private static int NextNewline(ReadOnlySpan<byte> lines, int after)
    {
        var next = lines[(after + 1)..].IndexOf((byte)'\n');
        return next < 0 ? -1 : after + 1 + next;
    }

    private void Trim()
    {
        var oldest = maxAge > TimeSpan.Zero ? clock.GetUtcNow() - maxAge : DateTimeOffset.MinValue;
        while (_chunks.TryPeek(out var chunk))
        {
            if (chunk.Received < oldest || chunk.First == chunk.Ends.Length)
            {
                _chunks.Dequeue();
                _records -= chunk.Ends.Length - chunk.First;
                _bytes -= chunk.LiveBytes;
                continue;
            }

            if (_records <= maxRecords && _bytes <= maxBytes)
            {
                return;
            }

            // Forget the chunk's oldest record.
            var start = chunk.First == 0 ? 0 : chunk.Ends[chunk.First - 1] + 1;
            var length = chunk.Ends[chunk.First] - start + 1;
            chunk.First++;
            chunk.LiveBytes -= length;
            _records--;
            _bytes -= length;
        }
    }

    private sealed class Chunk(DateTimeOffset received, byte[] data, int[] ends)
    {
        public DateTimeOffset Received { get; } = received;

        public byte[] Data { get; } = data;

        /// <summary>Where each record's newline is.</summary>
        public int[] Ends { get; } = ends;

        /// <summary>The first record not yet forgotten.</summary>
        public int First { get; set; }

        public long LiveBytes { get; set; } = data.Length;
    }
}
