using System.Text.Json;
using WideEvents.Analyze.Records;

namespace WideEvents.Cli.Output;

/// <summary>Writes records back out through the waist: one CLEF-compatible JSON object per line.</summary>
internal sealed class RecordJsonWriter : IDisposable
{
    private static readonly HashSet<string> ClefReserved = new(StringComparer.Ordinal) { "@t", "@mt", "@m", "@l", "@x", "@i", "@r", "@tr", "@sp" };

    private readonly TextWriter _output;
    private readonly System.Buffers.ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _writer;

    public RecordJsonWriter(TextWriter output)
    {
        _output = output;
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            SkipValidation = true,
        });
    }

    public void Write(Record record)
    {
        _writer.WriteStartObject();
        foreach (var (key, value) in record.Properties)
        {
            // Keys that read as @x came from @@x; escape them again so CLEF readers do not take them as reserved.
            _writer.WritePropertyName(key.StartsWith('@') && !ClefReserved.Contains(key) ? "@" + key : key);
            switch (value.Kind)
            {
                case ValueKind.String: _writer.WriteStringValue(value.AsString); break;
                case ValueKind.Long: _writer.WriteNumberValue(value.AsLong); break;
                case ValueKind.Double when double.IsFinite(value.AsDouble): _writer.WriteNumberValue(value.AsDouble); break;
                case ValueKind.Bool: _writer.WriteBooleanValue(value.AsBool); break;
                default: _writer.WriteNullValue(); break;
            }
        }
        if (!record.Has("source"))
        {
            _writer.WriteString("source", record.Source);
        }
        _writer.WriteEndObject();
        _writer.Flush();
        _output.WriteLine(System.Text.Encoding.UTF8.GetString(_buffer.WrittenSpan));
        _buffer.ResetWrittenCount();
        _writer.Reset();
    }

    public void Dispose() => _writer.Dispose();
}
