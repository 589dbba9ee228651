using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace WideEvents.Shipper.Records;

/// <summary>
/// Checks that a line is one JSON object in valid UTF-8 and, in the same pass, which of the
/// widening fields it already has. Keys are compared as UTF-8, never turned into strings.
/// </summary>
internal static class JsonLineInspector
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

    /// <param name="line">The line without its newline.</param>
    /// <param name="maxBytes">Longest acceptable line.</param>
    /// <param name="fields">Fields whose presence to note in <paramref name="present"/>.</param>
    /// <param name="present">Cleared, then set per field the record has; at least <c>fields.Count</c> long.</param>
    /// <param name="hasProperties">Whether the object has any property.</param>
    public static LineVerdict Inspect(ReadOnlySpan<byte> line, int maxBytes, WideningFields fields, Span<bool> present, out bool hasProperties)
    {
        hasProperties = false;
        if (line.Length > maxBytes)
        {
            return LineVerdict.Oversize;
        }

        if (line.Trim(" \t\r"u8).IsEmpty)
        {
            return LineVerdict.Blank;
        }

        if (!Utf8.IsValid(line))
        {
            return LineVerdict.InvalidUtf8;
        }

        present.Clear();
        try
        {
            var reader = new Utf8JsonReader(line, ReaderOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return LineVerdict.NotJsonObject;
            }

            while (reader.Read())
            {
                if (reader.ValueIsEscaped && reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && !DecodesAsText(ref reader))
                {
                    return LineVerdict.InvalidUnicodeEscape;
                }

                if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName)
                {
                    hasProperties = true;
                    for (int i = 0; i < fields.Count; i++)
                    {
                        present[i] |= reader.ValueTextEquals(fields.Name(i));
                    }
                }
                else if (reader.CurrentDepth == 0 && reader.TokenType == JsonTokenType.EndObject)
                {
                    // Utf8JsonReader rejects anything but whitespace after the root value on the next Read.
                    return reader.Read() ? LineVerdict.NotJsonObject : LineVerdict.Record;
                }
            }

            return LineVerdict.NotJsonObject;
        }
        catch (JsonException)
        {
            return LineVerdict.NotJsonObject;
        }
    }

    /// <summary>
    /// Whether an escaped string decodes: the JSON grammar allows <c>"\ud800"</c>, but no UTF-16
    /// text has a lone surrogate, and the decoders of every reader downstream refuse it. Only
    /// escaped strings pay for the check.
    /// </summary>
    private static bool DecodesAsText(ref Utf8JsonReader reader)
    {
        try
        {
            _ = reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The string value of a top-level property, or null.</summary>
    public static string? TopLevelString(ReadOnlySpan<byte> json, string key)
    {
        try
        {
            var reader = new Utf8JsonReader(json, ReaderOptions);
            byte[] name = Encoding.UTF8.GetBytes(key);
            while (reader.Read())
            {
                if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals(name))
                {
                    reader.Read();
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return null;
    }
}
