using System.Buffers;
using System.Text;
using System.Text.Json;
using WideEvents.Analyze.Records;
using WideEvents.Analyze.Records.Columns;

namespace WideEvents.Analyze.Loaders;

/// <summary>
/// CLEF and Python-logging JSON, one object per line. Nested objects and arrays are kept as their
/// JSON text under their key (the record contract is flat; keeping the text loses nothing).
/// CLEF's <c>@@x</c> escaping is undone to <c>@x</c>. One instance reads one file, into one
/// <see cref="RecordStore"/>: each value goes straight from the line's bytes into its column
/// (numbers written as text as numbers, repeated strings as dictionary ids, the rest as UTF-8).
/// </summary>
internal sealed class JsonLinesLoader : IFileLoader
{
    private string[] _keys = new string[64];
    private Column[] _written = new Column[64];
    private KeyShape? _shape;
    private RecordStore? _store;
    private string? _storeSource;

    // Lines of one file usually repeat the same keys in the same order: the key seen at the same
    // position last time is tried first, which skips decoding and hashing its name.
    private byte[]?[] _positionBytes = new byte[]?[64];
    private Column?[] _positionColumns = new Column?[64];

    // Files above this are read as chunks of about this size in parallel, one parser per core:
    // a run's largest file (the DFK's log) would otherwise keep one core busy after the others end.
    private const long DefaultChunkBytes = 32L << 20;

    private readonly long _chunkBytes;

    public JsonLinesLoader()
        : this(DefaultChunkBytes)
    {
    }

    /// <summary>A loader that reads files in chunks of about <paramref name="chunkBytes"/> (tests use small ones).</summary>
    internal JsonLinesLoader(long chunkBytes) => _chunkBytes = chunkBytes;

    public List<Record> Load(string path, out int badLines)
    {
        var length = new FileInfo(path).Length;
        var chunks = (int)Math.Clamp(length / _chunkBytes, 1, 4096);
        if (chunks == 1)
        {
            return LoadRange(path, 0, long.MaxValue, out badLines);
        }
        var parts = new List<Record>[chunks];
        var bad = new int[chunks];
        var size = length / chunks;
        Parallel.For(0, chunks, i =>
        {
            var loader = i == 0 ? this : new JsonLinesLoader();
            parts[i] = loader.LoadRange(path, i * size, i == chunks - 1 ? long.MaxValue : (i + 1) * size, out bad[i]);
        });
        badLines = bad.Sum();
        var records = new List<Record>(parts.Sum(p => p.Count));
        foreach (var part in parts)
        {
            records.AddRange(part);
        }
        return records;
    }

    // The records of the lines that begin at a byte offset in [from, to), in one store.
    private List<Record> LoadRange(string path, long from, long to, out int badLines)
    {
        // Streamed through one pooled buffer, never the whole file at once: four 100 MB files
        // loading in parallel held 400 MB of bytes beside the records they became.
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, FileOptions.SequentialScan);
        // From the byte before the range: the line that byte ends (or is in) belongs to the range before.
        file.Position = from == 0 ? 0 : from - 1;
        var bufferStart = file.Position;
        var skipping = from > 0;
        RecordStore? store = null;
        var bad = 0;
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            var filled = 0;
            var first = true;
            while (true)
            {
                if (filled == buffer.Length)
                {
                    // A line longer than the buffer: a bigger one.
                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, filled).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                var read = file.Read(buffer, filled, buffer.Length - filled);
                var end = filled + read;
                store ??= UseStore(new RecordStore(path, EstimateRows(buffer.AsSpan(0, end), Math.Min(to, file.Length) - from)));
                var start = 0;
                if (first && from == 0 && end >= 3 && buffer.AsSpan(0, 3).SequenceEqual("\uFEFF"u8))
                {
                    start = 3;
                }
                first = false;
                if (skipping)
                {
                    var nl = buffer.AsSpan(0, end).IndexOf((byte)'\n');
                    if (nl < 0)
                    {
                        if (read == 0)
                        {
                            break;
                        }
                        bufferStart += end;
                        filled = 0;
                        continue;
                    }
                    start = nl + 1;
                    skipping = false;
                }
                var done = false;
                while (true)
                {
                    if (bufferStart + start >= to)
                    {
                        done = true;
                        break;
                    }
                    var nl = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
                    if (nl < 0)
                    {
                        break;
                    }
                    Add(buffer.AsSpan(start, nl));
                    start += nl + 1;
                }
                if (done)
                {
                    break;
                }
                if (read == 0)
                {
                    Add(buffer.AsSpan(start, end - start));   // the last line, without a newline
                    break;
                }
                buffer.AsSpan(start, end - start).CopyTo(buffer);
                bufferStart += start;
                filled = end - start;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        badLines = bad;
        store ??= UseStore(new RecordStore(path));
        store.Trim();
        var records = new List<Record>(store.Count);
        for (var row = 0; row < store.Count; row++)
        {
            records.Add(new Record(store, row));
        }
        return records;

        void Add(ReadOnlySpan<byte> line)
        {
            line = line.Trim(" \t\r"u8);
            if (line.IsEmpty)
            {
                return;
            }
            if (!ParseLine(line))
            {
                bad++;
            }
        }
    }

    // Rows for the whole range from the lines of its first buffer, a little over: columns are made
    // at the store's capacity, and growing or trimming them copies every one.
    private static int EstimateRows(ReadOnlySpan<byte> start, long bytes)
    {
        var lines = Math.Max(1, start.Count((byte)'\n'));
        var perLine = Math.Max(1, start.Length / lines);
        return (int)Math.Clamp(bytes / perLine * 21 / 20 + 64, 16, Array.MaxLength);
    }

    /// <summary>
    /// One line as a record (a live tail's). Lines share a store while their source stays the same,
    /// up to a few thousand, so a long tail does not keep every record it ever read alive.
    /// </summary>
    internal Record? ParseLine(ReadOnlySpan<byte> line, string source)
    {
        if (_store is null || _store.Count >= 4096 || _storeSource != source)
        {
            UseStore(new RecordStore(source, 64));
            _storeSource = source;
        }
        return ParseLine(line) ? new Record(_store!, _store!.Count - 1) : null;
    }

    private RecordStore UseStore(RecordStore store)
    {
        // The columns remembered per key position belong to the previous store.
        Array.Clear(_positionBytes);
        Array.Clear(_positionColumns);
        _shape = null;
        return _store = store;
    }

    // Writes the line's values into the next row of the store; false (and nothing kept) when it is not a JSON object.
    private bool ParseLine(ReadOnlySpan<byte> line)
    {
        if (line[0] != (byte)'{')
        {
            return false;
        }
        var store = _store!;
        var row = store.NextRow;
        var n = 0;
        try
        {
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (n == _keys.Length)
                {
                    Array.Resize(ref _keys, n * 2);
                    Array.Resize(ref _written, n * 2);
                    Array.Resize(ref _positionBytes, n * 2);
                    Array.Resize(ref _positionColumns, n * 2);
                }
                var column = ReadKey(ref reader, n);
                reader.Read();
                if (column.Kind(row) != CellKind.Absent)
                {
                    // A key repeated in one line: the first value stands, as a lookup found it before.
                    reader.Skip();
                    continue;
                }
                ReadValue(ref reader, line, column, row);
                _keys[n] = column.Key;
                _written[n] = column;
                n++;
            }
            _shape = KeyShape.Of(_keys.AsSpan(0, n), _shape);
            store.CommitRow(_shape);
            n = 0;
            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a string that is not valid UTF-8.
            return false;
        }
        finally
        {
            for (var i = 0; i < n; i++)
            {
                _written[i].Clear(row);
            }
        }
    }

    private Column ReadKey(ref Utf8JsonReader reader, int position)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > 256)
        {
            var escaped = reader.GetString()!;
            return _store!.ColumnFor(KeyInterner.Intern(escaped.StartsWith("@@", StringComparison.Ordinal) ? escaped[1..] : escaped));
        }
        var utf8 = reader.ValueSpan;
        if (_positionBytes[position] is { } seen && utf8.SequenceEqual(seen))
        {
            return _positionColumns[position]!;
        }
        Span<char> chars = stackalloc char[512];
        var k = chars[..Encoding.UTF8.GetChars(utf8, chars)];
        if (k.StartsWith("@@"))
        {
            k = k[1..];
        }
        var key = KeyInterner.Intern(k);
        var column = _store!.ColumnFor(key);
        _positionBytes[position] = utf8.ToArray();
        _positionColumns[position] = column;
        return column;
    }

    private static void ReadValue(ref Utf8JsonReader reader, ReadOnlySpan<byte> line, Column column, int row)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String when !reader.ValueIsEscaped && !reader.HasValueSequence:
                var utf8 = reader.ValueSpan;
                if (NumericText.TryParse(utf8, out var kind, out var payload))
                {
                    column.Put(row, kind, payload);
                }
                else if (column.Strings.TryId(utf8, out var id))
                {
                    column.Put(row, CellKind.String, id);
                }
                else
                {
                    column.Put(row, CellKind.Text, column.Strings.AddText(utf8));
                }
                return;
            case JsonTokenType.String:
                column.Set(row, Value.From(reader.GetString()));
                return;
            case JsonTokenType.Number:
                if (reader.TryGetInt64(out var l))
                {
                    column.Put(row, CellKind.Long, l);
                }
                else
                {
                    column.Put(row, CellKind.Double, BitConverter.DoubleToInt64Bits(reader.GetDouble()));
                }
                return;
            case JsonTokenType.True:
                column.Put(row, CellKind.Bool, 1);
                return;
            case JsonTokenType.False:
                column.Put(row, CellKind.Bool, 0);
                return;
            case JsonTokenType.StartObject:
            case JsonTokenType.StartArray:
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                var end = (int)reader.BytesConsumed;
                column.Set(row, Value.From(Encoding.UTF8.GetString(line[start..end])));
                return;
            default:
                column.Put(row, CellKind.Null, 0);
                return;
        }
    }
}
