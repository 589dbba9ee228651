namespace WideEvents.Shipper.Records;

/// <summary>
/// Records of one source with consecutive sequence numbers, held as one block of JSON lines: each
/// record's UTF-8 bytes followed by <c>\n</c> (a record cannot hold a raw newline, so the newline is
/// an unambiguous end). This is the unit the shipper moves: framed once in the disk buffer, sent as
/// one message, appended to a store with one write. There is no object per record.
/// </summary>
/// <param name="SourceId">Stable id of the source (a file's UUID, a connection's UUID, an emitter's id).</param>
/// <param name="FirstSequence">Sequence of the first record; the i-th has <c>FirstSequence + i</c>.</param>
/// <param name="Count">Number of records (lines), at least 1.</param>
/// <param name="Lines">The records, each followed by a newline, already widened.</param>
internal sealed record RecordRun(string SourceId, ulong FirstSequence, int Count, ReadOnlyMemory<byte> Lines)
{
    public ulong LastSequence => FirstSequence + (ulong)Count - 1;

    /// <summary>Consecutive runs of one source as one run: the first as it is when it is alone, else one block copied from all.</summary>
    public static RecordRun Join(IReadOnlyList<RecordRun> consecutive)
    {
        RecordRun first = consecutive[0];
        if (consecutive.Count == 1)
        {
            return first;
        }

        byte[] all = new byte[consecutive.Sum(r => r.Lines.Length)];
        int at = 0;
        foreach (RecordRun run in consecutive)
        {
            run.Lines.Span.CopyTo(all.AsSpan(at));
            at += run.Lines.Length;
        }

        return new RecordRun(first.SourceId, first.FirstSequence, consecutive.Sum(r => r.Count), all);
    }

    /// <summary>The records with a sequence above <paramref name="through"/>, or null when there are none.</summary>
    public RecordRun? After(ulong through)
    {
        if (through < FirstSequence)
        {
            return this;
        }

        if (through >= LastSequence)
        {
            return null;
        }

        int skip = (int)(through - FirstSequence + 1);
        int offset = OffsetOfRecord(skip);
        return new RecordRun(SourceId, through + 1, Count - skip, Lines[offset..]);
    }

    /// <summary>This run cut into runs of at most <paramref name="maxRecords"/> records and (but for a single longer record) <paramref name="maxBytes"/> bytes.</summary>
    public IEnumerable<RecordRun> Split(int maxRecords, long maxBytes)
    {
        if (Count <= maxRecords && Lines.Length <= maxBytes)
        {
            yield return this;
            yield break;
        }

        ReadOnlyMemory<byte> rest = Lines;
        ulong sequence = FirstSequence;
        while (!rest.IsEmpty)
        {
            int records = 0;
            int bytes = 0;
            while (bytes < rest.Length && records < maxRecords)
            {
                int end = bytes + rest.Span[bytes..].IndexOf((byte)'\n') + 1;
                if (records > 0 && end > maxBytes)
                {
                    break;
                }

                bytes = end;
                records++;
            }

            yield return new RecordRun(SourceId, sequence, records, rest[..bytes]);
            sequence += (ulong)records;
            rest = rest[bytes..];
        }
    }

    /// <summary>Byte offset of the record at <paramref name="index"/> (0-based) within <see cref="Lines"/>.</summary>
    private int OffsetOfRecord(int index)
    {
        ReadOnlySpan<byte> lines = Lines.Span;
        int offset = 0;
        for (int i = 0; i < index; i++)
        {
            offset += lines[offset..].IndexOf((byte)'\n') + 1;
        }

        return offset;
    }

    /// <summary>Each record's bytes, without the newline.</summary>
    public LineEnumerator Records() => new(Lines.Span);

    /// <summary>Enumerates newline-terminated lines without allocating.</summary>
    internal ref struct LineEnumerator(ReadOnlySpan<byte> lines)
    {
        private ReadOnlySpan<byte> _rest = lines;

        public ReadOnlySpan<byte> Current { get; private set; }

        public readonly LineEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            if (_rest.IsEmpty)
            {
                return false;
            }

            int newline = _rest.IndexOf((byte)'\n');
            Current = newline < 0 ? _rest : _rest[..newline];
            _rest = newline < 0 ? default : _rest[(newline + 1)..];
            return true;
        }
    }
}
