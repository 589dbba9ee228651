using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using WideEvents.Emit.Pipeline;
using WideEvents.Emit.Spans;

namespace WideEvents.Emit.Formatting;

/// <summary>
/// Turns one logging call into one CLEF record, UTF-8 from the call site to the buffer.
/// The buffer and writer are per thread and reused, so formatting allocates nothing of its own;
/// the caller copies the bytes out before the thread formats again.
/// </summary>
internal sealed class RecordFormatter
{
    public const string OriginalFormatKey = "{OriginalFormat}";

    public static readonly JsonWriterOptions WriterOptions = new()
    {
        // CLEF writes non-ASCII raw; the default encoder would escape it.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    private static readonly JsonEncodedText TimestampKey = JsonEncodedText.Encode("@t");
    private static readonly JsonEncodedText TemplateKey = JsonEncodedText.Encode("@mt");
    private static readonly JsonEncodedText MessageKey = JsonEncodedText.Encode("@m");
    private static readonly JsonEncodedText LevelKey = JsonEncodedText.Encode("@l");
    private static readonly JsonEncodedText ExceptionKey = JsonEncodedText.Encode("@x");
    private static readonly JsonEncodedText TraceIdKey = JsonEncodedText.Encode("@tr");
    private static readonly JsonEncodedText SpanIdKey = JsonEncodedText.Encode("@sp");
    private static readonly JsonEncodedText EventIdKey = JsonEncodedText.Encode("event_id");
    private static readonly JsonEncodedText EventNameKey = JsonEncodedText.Encode("event_name");
    private static readonly JsonEncodedText WideSpanIdKey = JsonEncodedText.Encode(RecordFields.SpanId);
    private static readonly JsonEncodedText ThreadKey = JsonEncodedText.Encode("thread");
    private static readonly JsonEncodedText CategoryKey = JsonEncodedText.Encode("category");
    private static readonly JsonEncodedText ScopeKey = JsonEncodedText.Encode("scope");

    private static readonly ulong EventIdBit = WrittenKeys.BitOf("event_id");
    private static readonly ulong EventNameBit = WrittenKeys.BitOf("event_name");
    private static readonly ulong SpanIdBit = WrittenKeys.BitOf(RecordFields.SpanId);
    private static readonly ulong ThreadBit = WrittenKeys.BitOf("thread");
    private static readonly ulong CategoryBit = WrittenKeys.BitOf("category");

    [ThreadStatic]
    private static FormatterState? t_state;

    private readonly TimeProvider _clock;

    private readonly PrerenderedField[] _processFields;
    private readonly byte[] _processBlock;
    private readonly bool _includeThread;
    private readonly bool _includeCategory;
    private readonly bool _includeMessage;

    public RecordFormatter(WideEventsOptions options, TimeProvider? clock = null)
    {
        Component = string.IsNullOrWhiteSpace(options.Component) ? ProcessName : options.Component;
        _clock = clock ?? TimeProvider.System;
        var ambient = options.Ambient;
        var fields = new List<PrerenderedField>();
        foreach (var (key, value) in options.Fields)
        {
            fields.Add(new PrerenderedField(key, value));
        }

        if (ambient.ProcessName)
        {
            fields.Add(new PrerenderedField("component", Component));
            fields.Add(new PrerenderedField("process", ProcessName));
        }

        if (ambient.ProcessId)
        {
            fields.Add(new PrerenderedField("pid", Environment.ProcessId));
        }

        if (ambient.Host)
        {
            fields.Add(new PrerenderedField("host", Environment.MachineName));
        }

        _processFields = [.. fields];
        _processBlock = RenderBlock(_processFields);
        _includeThread = ambient.Thread;
        _includeCategory = ambient.Category;
        _includeMessage = options.IncludeRenderedMessage;
    }

    /// <summary>
    /// The process name, or the entry assembly's name when the process is the <c>dotnet</c>
    /// host running a .dll, where "dotnet" would name every .NET process alike.
    /// </summary>
    public static string ProcessName { get; } = NameThisProcess();

    private static string NameThisProcess()
    {
        var name = Process.GetCurrentProcess().ProcessName;
        return name == "dotnet" && System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name is { } entry ? entry : name;
    }

    /// <summary>The component name records and file names use.</summary>
    public string Component { get; }

    public static string EscapeKey(string key) => key.StartsWith('@') ? "@" + key : key;

    /// <summary>The time a record is stamped with.</summary>
    public DateTime Now => _clock.GetUtcNow().UtcDateTime;

    /// <summary>Formats a captured call into this thread's buffer; copy the bytes out before formatting again.</summary>
    public FormatterState Format(PendingRecord record)
    {
        var s = t_state ??= new FormatterState();
        s.Reset();
        record.WriteState(this, s);
        WriteTail(s, record);
        return s;
    }

    /// <summary>
    /// Writes the head of the record and the state's properties. Only this part is generic: one
    /// small method per state type to compile, the rest of the record is written by code shared
    /// by every call site.
    /// </summary>
    internal void WriteState<TState>(FormatterState s, PendingRecord record, TState state, Func<TState, Exception?, string> formatter)
    {
        if (StructStateReader<TState>.IsStructList)
        {
            var keys = StructStateReader<TState>.Keys(state, out var write);
            var message = keys.Template is null || _includeMessage ? formatter(state, record.Exception) : null;
            WriteHead(s, record, keys.EncodedTemplate, message);
            if (write is not null)
            {
                var writer = s.Writer;
                for (var i = 0; i < keys.Count; i++)
                {
                    if (s.Keys.TryAdd(keys.Names[i], keys.Bits[i]))
                    {
                        writer.WritePropertyName(keys.Encoded[i]);
                        write(state, keys.Indexes[i], writer);
                    }
                }
            }
            else
            {
                // Values already boxed by the caller (FormattedLogValues): box the state once to read them.
                WriteKeyedValues(s, keys, StructStateReader<TState>.AsList(state));
            }
        }
        else
        {
            var list = state as IReadOnlyList<KeyValuePair<string, object?>>;
            var template = list is not null ? FindTemplate(list) : null;
            var message = template is null || _includeMessage ? formatter(state, record.Exception) : null;
            WriteHead(s, record, template is null ? null : JsonEncodedText.Encode(template, WriterOptions.Encoder), message);
            WriteObjectState(s, state, list, template is not null);
        }
    }

    private static void WriteKeyedValues(FormatterState s, StateKeys keys, IReadOnlyList<KeyValuePair<string, object?>> list)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            if (s.Keys.TryAdd(keys.Names[i], keys.Bits[i]))
            {
                s.Writer.WritePropertyName(keys.Encoded[i]);
                PropertyValueWriter.Write(s.Writer, list[keys.Indexes[i]].Value);
            }
        }
    }

    private static void WriteHead(FormatterState s, PendingRecord record, JsonEncodedText? template, string? message)
    {
        var writer = s.Writer;
        writer.WriteStartObject();
        WriteTimestamp(writer, record.Timestamp);
        if (template is { } encoded)
        {
            writer.WriteString(TemplateKey, encoded);
        }

        if (message is not null)
        {
            writer.WriteString(MessageKey, message);
        }

        if (LevelNames.TryGet(record.Level, out var levelName))
        {
            writer.WriteString(LevelKey, levelName);
        }

        if (record.Exception is not null)
        {
            writer.WriteString(ExceptionKey, record.Exception.ToString());
        }

        if (record.HasActivity)
        {
            Span<byte> raw = stackalloc byte[16];
            Span<char> hex = stackalloc char[32];
            record.TraceId.CopyTo(raw);
            Convert.TryToHexStringLower(raw, hex, out _);
            writer.WriteString(TraceIdKey, hex);
            record.ActivitySpanId.CopyTo(raw[..8]);
            Convert.TryToHexStringLower(raw[..8], hex, out _);
            writer.WriteString(SpanIdKey, hex[..16]);
        }
    }

    private static void WriteObjectState(FormatterState s, object? state, IReadOnlyList<KeyValuePair<string, object?>>? list, bool isTemplate)
    {
        if (list is not null)
        {
            WriteListProperties(s.Writer, list, isTemplate, ref s.Keys);
        }
        else if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
        {
            foreach (var pair in pairs)
            {
                WriteProperty(s.Writer, pair.Key, pair.Value, ref s.Keys);
            }
        }
    }

    private void WriteTail(FormatterState s, PendingRecord record)
    {
        var writer = s.Writer;
        ref var keys = ref s.Keys;
        var eventId = record.EventId;
        if (eventId.Id != 0 && keys.TryAdd("event_id", EventIdBit))
        {
            writer.WriteNumber(EventIdKey, eventId.Id);
        }

        if (eventId.Name is not null && keys.TryAdd("event_name", EventNameBit))
        {
            writer.WriteString(EventNameKey, eventId.Name);
        }

        var span = record.Span;
        if (span is not null && keys.TryAdd(RecordFields.SpanId, SpanIdBit))
        {
            writer.WritePropertyName(WideSpanIdKey);
            PropertyValueWriter.WriteGuid(writer, span.Guid);
        }

        if (record.Bound is { } bound)
        {
            foreach (var field in bound.Fields)
            {
                field.WriteTo(writer, ref keys);
            }
        }

        if (record.Scopes is { } scopes)
        {
            WriteScopes(writer, s, scopes);
        }

        // The process fields never change: when none of their keys is taken, they go in as one
        // pre-rendered block after the last property instead of one write each.
        var blockFits = true;
        foreach (var field in _processFields)
        {
            blockFits &= !keys.Contains(field.Key, field.Bit);
        }

        if (!blockFits)
        {
            foreach (var field in _processFields)
            {
                field.WriteTo(writer, ref keys);
            }
        }

        if (_includeThread && keys.TryAdd("thread", ThreadBit))
        {
            writer.WriteNumber(ThreadKey, record.ThreadId);
        }

        if (_includeCategory && keys.TryAdd("category", CategoryBit))
        {
            writer.WriteString(CategoryKey, record.Category);
        }

        if (blockFits)
        {
            foreach (var field in _processFields)
            {
                keys.TryAdd(field.Key, field.Bit);
            }

            writer.Flush();
            s.Buffer.Write(_processBlock);
            s.Buffer.Write("}"u8);
            return;
        }

        writer.WriteEndObject();
        writer.Flush();
    }

    /// <summary>A record Emit writes about itself, such as a file header or a drop notice.</summary>
    public byte[] FormatSystemRecord(LogLevel level, string template, params ReadOnlySpan<(string Key, object? Value)> properties)
    {
        var s = t_state ??= new FormatterState();
        s.Reset();
        var writer = s.Writer;
        ref var keys = ref s.Keys;
        writer.WriteStartObject();
        WriteTimestamp(writer, _clock.GetUtcNow().UtcDateTime);
        writer.WriteString(TemplateKey, template);
        if (LevelNames.TryGet(level, out var levelName))
        {
            writer.WriteString(LevelKey, levelName);
        }

        foreach (var (key, value) in properties)
        {
            WriteProperty(writer, key, value, ref keys);
        }

        foreach (var field in _processFields)
        {
            field.WriteTo(writer, ref keys);
        }

        writer.WriteEndObject();
        writer.Flush();
        return s.Buffer.WrittenSpan.ToArray();
    }

    public byte[] FormatDroppedNotice(string handler, long dropped, long droppedTotal) =>
        FormatSystemRecord(
            LogLevel.Warning,
            "Handler {handler} dropped {dropped_records} records because its queue was full",
            ("handler", handler),
            ("dropped_records", dropped),
            ("dropped_records_total", droppedTotal));

    /// <summary>The fields as JSON properties, each preceded by a comma, ready to go before a closing brace.</summary>
    private static byte[] RenderBlock(PrerenderedField[] fields)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        foreach (var field in fields)
        {
            buffer.Write(","u8);
            using (var name = new Utf8JsonWriter(buffer, WriterOptions))
            {
                name.WriteStringValue(field.EncodedKey);
            }

            buffer.Write(":"u8);
            buffer.Write(field.RawValue);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static string? FindTemplate(IReadOnlyList<KeyValuePair<string, object?>> properties)
    {
        // Microsoft.Extensions.Logging puts the template last.
        var count = properties.Count;
        if (count > 0)
        {
            var last = properties[count - 1];
            if (last.Key == OriginalFormatKey)
            {
                return last.Value as string;
            }
        }

        return null;
    }

    private static void WriteTimestamp(Utf8JsonWriter writer, DateTime utcNow)
    {
        // "O" gives exactly the 7 fractional digits CLEF readers expect; Utf8JsonWriter would trim them.
        Span<byte> utf8 = stackalloc byte[40];
        utcNow.TryFormat(utf8, out var written, "O", CultureInfo.InvariantCulture);
        writer.WriteString(TimestampKey, utf8[..written]);
    }

    private static void WriteListProperties(Utf8JsonWriter writer, IReadOnlyList<KeyValuePair<string, object?>> properties, bool isTemplate, ref WrittenKeys keys)
    {
        for (var i = 0; i < properties.Count; i++)
        {
            var (key, value) = properties[i];
            if (key == OriginalFormatKey)
            {
                continue;
            }

            WriteProperty(writer, isTemplate ? StateKeys.StripCaptureOperator(key) : key, value, ref keys);
        }
    }

    private static void WriteProperty(Utf8JsonWriter writer, string key, object? value, ref WrittenKeys keys)
    {
        if (!keys.TryAdd(key))
        {
            return;
        }

        if (key.StartsWith('@'))
        {
            writer.WritePropertyName("@" + key);
        }
        else
        {
            writer.WritePropertyName(key);
        }

        PropertyValueWriter.Write(writer, value);
    }

    private static void WriteScopes(Utf8JsonWriter writer, FormatterState s, object?[] items)
    {
        ref var keys = ref s.Keys;
        string? text = null;

        // Inner scopes win over outer ones, as in Serilog.Extensions.Logging.
        for (var i = items.Length - 1; i >= 0; i--)
        {
            switch (items[i])
            {
                case IReadOnlyList<KeyValuePair<string, object?>> list:
                    WriteListProperties(writer, list, isTemplate: FindTemplate(list) is not null, ref keys);
                    break;
                case IEnumerable<KeyValuePair<string, object?>> pairs:
                    foreach (var pair in pairs)
                    {
                        WriteProperty(writer, pair.Key, pair.Value, ref keys);
                    }

                    break;
                case IEnumerable<KeyValuePair<string, string?>> stringPairs:
                    foreach (var pair in stringPairs)
                    {
                        WriteProperty(writer, pair.Key, pair.Value, ref keys);
                    }

                    break;
                case null:
                    break;
                case var other:
                    // A scope that is only text (BeginScope("Transaction")) has no key of its own.
                    text = text is null ? other.ToString() : other + " => " + text;
                    break;
            }
        }

        if (text is not null && keys.TryAdd("scope"))
        {
            writer.WriteString(ScopeKey, text);
        }
    }

    internal sealed class FormatterState
    {
        public FormatterState()
        {
            Buffer = new ArrayBufferWriter<byte>(1024);
            Writer = new Utf8JsonWriter(Buffer, WriterOptions);
        }

        public ArrayBufferWriter<byte> Buffer { get; }

        public Utf8JsonWriter Writer { get; }

        public WrittenKeys Keys = new();

        public ReadOnlySpan<byte> Record => Buffer.WrittenSpan;

        public void Reset()
        {
            Buffer.ResetWrittenCount();
            Writer.Reset(Buffer);
            Keys.Clear();
        }
    }
}
