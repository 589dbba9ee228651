using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using WideEvents.Shipper.Buffer;
using WideEvents.Shipper.Records;

namespace WideEvents.Shipper.Sources.Host;

/// <summary>
/// Records a source makes itself (samples, kernel messages), written as JSON lines and taken in
/// like any other lines (<see cref="LineIntake"/>: widened, sequenced, counted) under one source
/// id per shipper start, since they are not re-read from anywhere after a restart.
/// </summary>
internal sealed class GeneratedRecords
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private readonly ArrayBufferWriter<byte> _lines = new(16 * 1024);
    private readonly Utf8JsonWriter _writer;
    private readonly LineIntake _intake;
    private readonly IntakeTarget _target;
    private readonly RunBuilder _runs = new();
    private long _offset;

    public GeneratedRecords(string name, string origin, Dictionary<string, string> fields, LineIntake intake)
    {
        _writer = new Utf8JsonWriter(_lines, Options);
        _intake = intake;
        var widening = new List<KeyValuePair<string, string>>(fields) { new("host", Environment.MachineName) };
        _target = new IntakeTarget(name, Guid.CreateVersion7().ToString(), origin, new WideningFields(widening), 1);
    }

    public bool IsEmpty => _lines.WrittenCount == 0;

    /// <summary>Starts a record at <paramref name="time"/>.</summary>
    public void Begin(DateTimeOffset time)
    {
        _writer.Reset(_lines);
        _writer.WriteStartObject();
        _writer.WriteString("@t", time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture));
    }

    public void Add(string key, object value)
    {
        switch (value)
        {
            case string s: _writer.WriteString(key, s); break;
            case long l: _writer.WriteNumber(key, l); break;
            case int i: _writer.WriteNumber(key, i); break;
            case double d when double.IsFinite(d): _writer.WriteNumber(key, d); break;
            case bool b: _writer.WriteBoolean(key, b); break;
            default: _writer.WriteNull(key); break;
        }
    }

    /// <summary>A metric record (the record contract: <c>metric</c> and <c>value</c>).</summary>
    public void Metric(DateTimeOffset time, string metric, double value, Action<GeneratedRecords>? more = null)
    {
        Begin(time);
        Add("@mt", "Metric {metric} = {value}");
        Add("metric", metric);
        Add("value", value);
        more?.Invoke(this);
        End();
    }

    public void End()
    {
        _writer.WriteEndObject();
        _writer.Flush();
        _lines.GetSpan(1)[0] = (byte)'\n';
        _lines.Advance(1);
    }

    /// <summary>Hands the records written since the last call to the buffer and waits until they are durable.</summary>
    public async Task ShipAsync(IRunDestination buffer, CancellationToken cancellationToken)
    {
        if (IsEmpty)
        {
            return;
        }

        _intake.TakeLines(_lines.WrittenSpan, _offset, _target, _runs);
        _offset += _lines.WrittenCount;
        _lines.ResetWrittenCount();
        await buffer.AppendAsync(_runs.Take(), cancellationToken).ConfigureAwait(false);
    }
}
