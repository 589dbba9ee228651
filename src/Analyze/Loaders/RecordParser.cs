using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Loaders;

/// <summary>
/// Reads one record from one line of CLEF / JSON lines, exactly as <see cref="RecordLoader"/>
/// reads files (the one reader of the record format in Analyze), for records that arrive one at a
/// time, such as a live tail. Not thread-safe: one instance per reader.
/// </summary>
public sealed class RecordParser
{
    private readonly JsonLinesLoader _loader = new();

    /// <summary>The record on <paramref name="line"/> (UTF-8 JSON object), or null when it is not one.</summary>
    /// <param name="line">One JSON object.</param>
    /// <param name="source">What the record is remembered to come from (<see cref="Record.Source"/>).</param>
    public Record? Parse(ReadOnlySpan<byte> line, string source)
    {
        var trimmed = line.Trim(" \t\r\n"u8);
        return trimmed.IsEmpty ? null : _loader.ParseLine(trimmed, source);
    }
}
