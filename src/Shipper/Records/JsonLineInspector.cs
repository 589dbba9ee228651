using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace WideEvents.Shipper.Records;

/// <summary>
/// Checks that a line is one JSON object in valid UTF-8, and collects its top-level keys so
/// widening can tell which fields are absent, in one pass of the reader.
/// </summary>
internal static class JsonLineInspector
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

    public static LineVerdict Inspect(ReadOnlySpan<byte> line, int maxBytes, HashSet<string>? topLevelKeys)
    {
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

        topLevelKeys?.Clear();
        try
        {
            var reader = new Utf8JsonReader(line, ReaderOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return LineVerdict.NotJsonObject;
            }

            while (reader.Read())
            {
                if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName)
                {
                    topLevelKeys?.Add(reader.GetString()!);
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

    /// <summary>The string value of a top-level property, or null.</summary>
    public static string? TopLevelString(ReadOnlySpan<byte> json, string key)
    {
        try
        {
            var reader = new Utf8JsonReader(json, ReaderOptions);
            while (reader.Read())
            {
                if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals(Encoding.UTF8.GetBytes(key)))
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
