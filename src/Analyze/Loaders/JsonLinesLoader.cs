using System.Text;
using System.Text.Json;
using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Loaders;

/// <summary>
/// CLEF and Python-logging JSON, one object per line. Nested objects and arrays are kept as their
/// JSON text under their key (the record contract is flat; keeping the text loses nothing).
/// CLEF's <c>@@x</c> escaping is undone to <c>@x</c>.
/// </summary>
internal sealed class JsonLinesLoader : IFileLoader
{
    // Room for the keys path widening and typical rules add, so they do not reallocate every record.
    private const int Slack = 10;

    private readonly Dictionary<string, StringValueCache> _caches = new(StringComparer.Ordinal);

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
            var record = ParseLine(line, path, _caches);
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

    [ThreadStatic]
    private static string[]? ScratchKeys;

    [ThreadStatic]
    private static Value[]? ScratchValues;

    internal static Record? ParseLine(ReadOnlySpan<byte> line, string source, Dictionary<string, StringValueCache>? caches = null)
    {
        if (line[0] != (byte)'{')
        {
            return null;
        }
        try
        {
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            reader.Read();
            var keys = ScratchKeys ??= new string[64];
            var values = ScratchValues ??= new Value[64];
            var n = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = ReadKey(ref reader);
                reader.Read();
                var value = ReadValue(ref reader, line, key, caches);
                if (n == keys.Length)
                {
                    Array.Resize(ref keys, n * 2);
                    Array.Resize(ref values, n * 2);
                    ScratchKeys = keys;
                    ScratchValues = values;
                }
                keys[n] = key;
                values[n] = value;
                n++;
            }
            var record = Record.FromParsed(source, keys.AsSpan(0, n), values.AsSpan(0, n), Slack);
            Array.Clear(keys, 0, n);
            Array.Clear(values, 0, n);
            return record;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a string that is not valid UTF-8.
            return null;
        }
    }

    private static string ReadKey(ref Utf8JsonReader reader)
    {
        string key;
        if (!reader.ValueIsEscaped && reader.ValueSpan.Length <= 256)
        {
            Span<char> chars = stackalloc char[512];
            var n = Encoding.UTF8.GetChars(reader.ValueSpan, chars);
            var k = chars[..n];
            if (k.StartsWith("@@"))
            {
                k = k[1..];
            }
            return KeyInterner.Intern(k);
        }
        key = reader.GetString()!;
        return KeyInterner.Intern(key.StartsWith("@@", StringComparison.Ordinal) ? key[1..] : key);
    }

    private static Value ReadValue(ref Utf8JsonReader reader, ReadOnlySpan<byte> line, string key, Dictionary<string, StringValueCache>? caches)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String when caches is not null && !reader.ValueIsEscaped && !reader.HasValueSequence:
                if (!caches.TryGetValue(key, out var cache))
                {
                    caches[key] = cache = new StringValueCache();
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
