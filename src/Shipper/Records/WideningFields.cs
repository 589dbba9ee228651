using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace WideEvents.Shipper.Records;

/// <summary>
/// The constant fields of one source, encoded once: their names as UTF-8 for the presence check,
/// and each <c>"key":"value"</c> fragment ready to splice into records that lack it.
/// </summary>
internal sealed class WideningFields
{
    public static readonly WideningFields None = new([]);

    private readonly byte[][] _names;
    private readonly byte[][] _fragments;

    public WideningFields(IEnumerable<KeyValuePair<string, string>> fields)
    {
        var names = new List<byte[]>();
        var fragments = new List<byte[]>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach ((string key, string value) in fields)
        {
            if (!seen.Add(key))
            {
                continue; // the first definition of a key wins
            }

            names.Add(Encoding.UTF8.GetBytes(key));
            fragments.Add([.. Quoted(key), (byte)':', .. Quoted(value)]);
        }

        _names = [.. names];
        _fragments = [.. fragments];
    }

    public int Count => _names.Length;

    public ReadOnlySpan<byte> Name(int index) => _names[index];

    /// <summary>
    /// Writes the record with the fields it lacks appended before its closing brace; the record's
    /// own bytes are kept as written rather than re-serialised. Returns the bytes written.
    /// </summary>
    /// <param name="output">Where the record goes.</param>
    /// <param name="json">One JSON object, already validated.</param>
    /// <param name="present">Per field, whether the record already has it.</param>
    /// <param name="hasProperties">Whether the record has any property (so a comma is needed).</param>
    public int WriteTo(IBufferWriter<byte> output, ReadOnlySpan<byte> json, ReadOnlySpan<bool> present, bool hasProperties)
    {
        ReadOnlySpan<byte> trimmed = json.Trim(" \t\r\n"u8);
        int extra = 0;
        for (int i = 0; i < _fragments.Length; i++)
        {
            extra += present[i] ? 0 : _fragments[i].Length + 1;
        }

        if (extra == 0)
        {
            output.Write(trimmed);
            return trimmed.Length;
        }

        ReadOnlySpan<byte> body = trimmed[..^1].TrimEnd(" \t\r\n"u8);
        Span<byte> span = output.GetSpan(body.Length + extra + 1);
        body.CopyTo(span);
        int at = body.Length;
        bool comma = hasProperties;
        for (int i = 0; i < _fragments.Length; i++)
        {
            if (present[i])
            {
                continue;
            }

            if (comma)
            {
                span[at++] = (byte)',';
            }

            comma = true;
            _fragments[i].CopyTo(span[at..]);
            at += _fragments[i].Length;
        }

        span[at++] = (byte)'}';
        output.Advance(at);
        return at;
    }

    private static byte[] Quoted(string text) =>
        [(byte)'"', .. JsonEncodedText.Encode(text, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).EncodedUtf8Bytes, (byte)'"'];
}
