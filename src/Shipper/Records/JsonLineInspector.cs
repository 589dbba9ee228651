using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace WideEvents.Shipper.Records;

/// <summary>
/// Checks that a line is one JSON object in valid UTF-8 and, in the same pass, which of the
/// widening fields it already has, and whether its <c>@t</c> is there and an ISO-8601 timestamp.
/// Keys are compared as UTF-8, never turned into strings. Most lines are accepted by the
/// <see cref="JsonLineScanner"/>; the rest are read with <see cref="Utf8JsonReader"/>, which says why one is no record.
/// </summary>
internal static class JsonLineInspector
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

    private static ReadOnlySpan<byte> TimeKey => "@t"u8;

    /// <param name="line">The line without its newline.</param>
    /// <param name="maxBytes">Longest acceptable line.</param>
    /// <param name="fields">Fields whose presence to note in <paramref name="present"/>.</param>
    /// <param name="present">Cleared, then set per field the record has; at least <c>fields.Count</c> long.</param>
    /// <param name="hasProperties">Whether the object has any property.</param>
    /// <param name="hasTime">Whether the object has a top-level <c>@t</c> (the record contract allows none).</param>
    public static LineVerdict Inspect(ReadOnlySpan<byte> line, int maxBytes, WideningFields fields, Span<bool> present, out bool hasProperties, out bool hasTime)
    {
        hasProperties = false;
        hasTime = false;
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
        if (JsonLineScanner.TryAccept(line, fields, present, out hasProperties, out hasTime))
        {
            return LineVerdict.Record;
        }

        return InspectWithReader(line, fields, present, out hasProperties, out hasTime);
    }

    /// <summary>The full reader's verdict, with its reason: what decides every line the scanner does not accept.</summary>
    internal static LineVerdict InspectWithReader(ReadOnlySpan<byte> line, WideningFields fields, Span<bool> present, out bool hasProperties, out bool hasTime)
    {
        hasProperties = false;
        hasTime = false;
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

                    if (reader.ValueTextEquals(TimeKey))
                    {
                        hasTime = true;
                        if (!reader.Read() || !IsTimestamp(ref reader))
                        {
                            return LineVerdict.BadTimestamp;
                        }
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
    /// Whether the value is an ISO-8601 date and time string: the reader parses it from its UTF-8
    /// bytes, without a string. A number, an object or text like "yesterday" is not a time that
    /// readers downstream can order records by.
    /// </summary>
    private static bool IsTimestamp(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out _);

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
