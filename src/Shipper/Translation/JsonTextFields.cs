using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using WideEvents.Contracts.TextLogs;

namespace WideEvents.Shipper.Translation;

/// <summary>
/// Writes a translated text-log entry as one flat JSON record, reusing one buffer. Besides the
/// parser's own keys (the ones the analysis loaders set, so a shipped line and a loaded one
/// match), <c>created</c> is also written as the record contract's <c>@t</c>.
/// </summary>
internal sealed class JsonTextFields : ITextRecordFields
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Utf8JsonWriter _writer;

    public JsonTextFields() => _writer = new Utf8JsonWriter(_buffer, Options);

    /// <summary>Starts a new record, forgetting the last one.</summary>
    public void Begin()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        _writer.WriteStartObject();
    }

    /// <summary>Ends the record begun last and returns its bytes (valid until the next <see cref="Begin"/>).</summary>
    public ReadOnlySpan<byte> End()
    {
        _writer.WriteEndObject();
        _writer.Flush();
        return _buffer.WrittenSpan;
    }

    public void Add(string key, string value) => _writer.WriteString(key, value);

    public void Add(string key, long value) => _writer.WriteNumber(key, value);

    public void Add(string key, double value)
    {
        if (key == "created")
        {
            var time = DateTime.UnixEpoch.AddTicks((long)Math.Round(value * TimeSpan.TicksPerSecond));
            _writer.WriteString("@t", time.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture));
        }

        _writer.WriteNumber(key, value);
    }

    public void Add(string key, bool value) => _writer.WriteBoolean(key, value);
}
