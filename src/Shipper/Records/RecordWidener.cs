using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace WideEvents.Shipper.Records;

/// <summary>
/// Widening by constant: appends fields a record lacks, by splicing them before the closing
/// brace instead of re-serialising the record, so the record's own bytes stay as written.
/// </summary>
internal static class RecordWidener
{
    public static byte[] Widen(ReadOnlySpan<byte> json, IReadOnlyList<KeyValuePair<string, string>> fields, HashSet<string> presentKeys)
    {
        ReadOnlySpan<byte> trimmed = json.Trim(" \t\r\n"u8);
        bool any = false;
        foreach (KeyValuePair<string, string> field in fields)
        {
            any |= !presentKeys.Contains(field.Key);
        }

        if (!any)
        {
            return trimmed.ToArray();
        }

        var output = new ArrayBufferWriter<byte>(trimmed.Length + 64);
        output.Write(trimmed[..^1].TrimEnd(" \t\r\n"u8));
        bool needComma = presentKeys.Count > 0;
        foreach (KeyValuePair<string, string> field in fields)
        {
            if (presentKeys.Contains(field.Key))
            {
                continue;
            }

            if (needComma)
            {
                output.Write(","u8);
            }

            needComma = true;
            WriteString(output, field.Key);
            output.Write(":"u8);
            WriteString(output, field.Value);
        }

        output.Write("}"u8);
        return output.WrittenSpan.ToArray();
    }

    private static void WriteString(ArrayBufferWriter<byte> output, string value)
    {
        output.Write("\""u8);
        output.Write(JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).EncodedUtf8Bytes);
        output.Write("\""u8);
    }
}
