using System.Text.Json;
using WideEvents.Shipper.Health;

namespace WideEvents.Shipper.Records;

/// <summary>
/// Where lines that cannot be records go, one JSON object per line with the source, the offset
/// and the start of the line (base64), so nothing is dropped silently and shipping goes on.
/// Each entry is fsynced: bad lines are rare, and a source checkpoints past them right after.
/// </summary>
internal sealed class QuarantineFile : IDisposable
{
    /// <summary>Bytes of a bad line kept in its entry.</summary>
    public const int KeptBytes = 64 * 1024;

    private readonly FileStream _stream;
    private readonly ShipperMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();

    public QuarantineFile(string path, ShipperMetrics metrics, TimeProvider time)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 0);
        _metrics = metrics;
        _time = time;
    }

    public void Add(string source, string sourceId, string origin, long offset, long length, LineVerdict reason, ReadOnlySpan<byte> start)
    {
        using var memory = new MemoryStream();
        using (var writer = new Utf8JsonWriter(memory))
        {
            writer.WriteStartObject();
            writer.WriteString("@t", _time.GetUtcNow().UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteString("reason", ReasonName(reason));
            writer.WriteString("source", source);
            writer.WriteString("source_id", sourceId);
            writer.WriteString("origin", origin);
            writer.WriteNumber("offset", offset);
            writer.WriteNumber("length", length);
            writer.WriteBase64String("line_base64", start.Length > KeptBytes ? start[..KeptBytes] : start);
            writer.WriteEndObject();
        }

        memory.WriteByte((byte)'\n');
        lock (_gate)
        {
            _stream.Write(memory.GetBuffer().AsSpan(0, (int)memory.Length));
            _stream.Flush(flushToDisk: true);
        }

        _metrics.Quarantined.Increment();
    }

    private static string ReasonName(LineVerdict reason) => reason switch
    {
        LineVerdict.InvalidUtf8 => "invalid_utf8",
        LineVerdict.NotJsonObject => "not_json_object",
        LineVerdict.InvalidUnicodeEscape => "invalid_unicode_escape",
        LineVerdict.BadTimestamp => "bad_timestamp",
        LineVerdict.Oversize => "oversize",
        LineVerdict.NotInFormat => "not_in_format",
        _ => reason.ToString(),
    };

    public void Dispose() => _stream.Dispose();
}
