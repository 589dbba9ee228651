using System.Buffers;
using System.Text.Json;
using Google.Protobuf;
using OpenTelemetry.Proto.Resource.V1;
using WideEvents.Contracts.Records;
using WideEvents.Contracts.V1;

namespace WideEvents.Shipper.Otlp;

/// <summary>
/// The records made from one OTLP resource's items, as newline-terminated JSON lines: the same
/// batch our own Ingest protocol carries, so that everything after it (checks, quarantine,
/// buffer, store, de-duplication) is the same code.
/// </summary>
internal sealed class OtlpLines
{
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private readonly Utf8JsonWriter _writer;

    public OtlpLines() => _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = ClefWriter.Encoder, SkipValidation = true });

    /// <summary>The keys of the record being written: the first value of a key wins.</summary>
    public HashSet<string> Written { get; } = new(StringComparer.Ordinal);

    public int Count { get; private set; }

    public Utf8JsonWriter Begin()
    {
        Written.Clear();
        _writer.Reset(_buffer);
        _writer.WriteStartObject();
        return _writer;
    }

    /// <summary>Closes the record with the resource's attributes (service.name and the like), where the record has no such key.</summary>
    public void End(Resource? resource)
    {
        if (resource is not null)
        {
            OtlpValues.WriteAll(_writer, resource.Attributes, Written);
        }

        _writer.WriteEndObject();
        _writer.Flush();
        _buffer.Write("\n"u8);
        Count++;
    }

    public RecordBatch ToBatch(string sourceId) => new() { SourceId = sourceId, Lines = ByteString.CopyFrom(_buffer.WrittenSpan) };

    public void Clear()
    {
        _buffer.ResetWrittenCount();
        Count = 0;
    }
}
