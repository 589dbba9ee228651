using System.Buffers;
using System.Text;
using System.Text.Json;
using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Loaders;

/// <summary>
/// CLEF and Python-logging JSON, one object per line. Nested objects and arrays are kept as their
/// JSON text under their key (the record contract is flat; keeping the text loses nothing).
/// CLEF's <c>@@x</c> escaping is undone to <c>@x</c>. One instance reads one file.
/// </summary>
internal sealed class JsonLinesLoader : IFileLoader
{
    // Room for the keys path widening and typical rules add, so they do not reallocate every record.
    private const int Slack = 8;

    private readonly Dictionary<string, StringValueCache> _caches = new(StringComparer.Ordinal);
    private string[] _keys = new string[64];
    private Value[] _values = new Value[64];
    private KeyShape? _shape;

    // Lines of one file usually repeat the same keys in the same order: the key seen at the same
    // position last time is tried first, which skips decoding and hashing its name.
    private byte[]?[] _positionBytes = new byte[]?[64];
    private string?[] _positionKeys = new string?[64];

    public List<Record> Load(string path, out int badLines)
    {
        // Streamed through one pooled buffer, never the whole file at once: four 100 MB files
        // loading in parallel held 400 MB of bytes beside the records they became.
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, FileOptions.SequentialScan);
        var records = new List<Record>((int)Math.Clamp(file.Length / 400, 16, 1 << 24));
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
                var start = 0;
                if (first && end >= 3 && buffer.AsSpan(0, 3).SequenceEqual("\uFEFF"u8))
                {
                    start = 3;
                }
                first = false;
                while (true)
                {
                    var nl = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
                    if (nl < 0)
                    {
                        break;
                    }
                    Add(buffer.AsSpan(start, nl));
                    start += nl + 1;
                }
                if (read == 0)
                {
                    Add(buffer.AsSpan(start, end - start));   // the last line, without a newline
                    break;
                }
                buffer.AsSpan(start, end - start).CopyTo(buffer);
                filled = end - start;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        badLines = bad;
        return records;

        void Add(ReadOnlySpan<byte> line)
        {
            line = line.Trim(" \t\r"u8);
            if (line.IsEmpty)
            {
                return;
            }
            if (ParseLine(line, path) is { } record)
            {
                records.Add(record);
            }
            else
            {
                bad++;
            }
        }
    }

    internal Record? ParseLine(ReadOnlySpan<byte> line, string source)
    {
        if (line[0] != (byte)'{')
        {
            return null;
        }
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
                    Array.Resize(ref _values, n * 2);
                    Array.Resize(ref _positionBytes, n * 2);
                    Array.Resize(ref _positionKeys, n * 2);
                }
                var key = ReadKey(ref reader, n);
                reader.Read();
                _keys[n] = key;
                _values[n] = ReadValue(ref reader, line, key);
                n++;
            }
            _shape = KeyShape.Of(_keys.AsSpan(0, n), _shape);
            return Record.FromParsed(source, _shape, _values.AsSpan(0, n), Slack);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a string that is not valid UTF-8.
            return null;
        }
        finally
        {
            Array.Clear(_values, 0, n);
        }
    }

    private string ReadKey(ref Utf8JsonReader reader, int position)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > 256)
        {
            var escaped = reader.GetString()!;
            return KeyInterner.Intern(escaped.StartsWith("@@", StringComparison.Ordinal) ? escaped[1..] : escaped);
        }
        var utf8 = reader.ValueSpan;
        if (_positionBytes[position] is { } seen && utf8.SequenceEqual(seen))
        {
            return _positionKeys[position]!;
        }
        Span<char> chars = stackalloc char[512];
        var k = chars[..Encoding.UTF8.GetChars(utf8, chars)];
        if (k.StartsWith("@@"))
        {
            k = k[1..];
        }
        var key = KeyInterner.Intern(k);
        _positionBytes[position] = utf8.ToArray();
        _positionKeys[position] = key;
        return key;
    }

    private Value ReadValue(ref Utf8JsonReader reader, ReadOnlySpan<byte> line, string key)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String when !reader.ValueIsEscaped && !reader.HasValueSequence:
                if (!_caches.TryGetValue(key, out var cache))
                {
                    _caches[key] = cache = new StringValueCache();
                }
                return Value.From(cache.Get(reader.ValueSpan));
            case JsonTokenType.String:
                return Value.From(reader.GetString());
            case JsonTokenType.Number:
                return reader.TryGetInt64(out var l) ? Value.From(l) : Value.From(reader.GetDouble());
            case JsonTokenType.True:
                return Value.From(true);
            case JsonTokenType.False:
                return Value.From(false);
            case JsonTokenType.StartObject:
            case JsonTokenType.StartArray:
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                var end = (int)reader.BytesConsumed;
                return Value.From(Encoding.UTF8.GetString(line[start..end]));
            default:
                return Value.Null;
        }
    }
}
