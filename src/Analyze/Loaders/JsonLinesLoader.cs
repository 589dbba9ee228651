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
        var bytes = File.ReadAllBytes(path);
        var records = new List<Record>(Math.Max(16, bytes.Length / 400));
        badLines = 0;
        var span = (ReadOnlySpan<byte>)bytes;
        if (span.StartsWith("\uFEFF"u8))
        {
            span = span[3..];
        }
        while (!span.IsEmpty)
        {
            var nl = span.IndexOf((byte)'\n');
            var line = nl < 0 ? span : span[..nl];
            span = nl < 0 ? default : span[(nl + 1)..];
            line = line.Trim(" \t\r"u8);
            if (line.IsEmpty)
            {
                continue;
            }
            var record = ParseLine(line, path);
            if (record is null)
            {
                badLines++;
            }
            else
            {
                records.Add(record);
            }
        }
        return records;
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
