using System.Runtime.CompilerServices;
using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using WideEvents.Contracts.Records;
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

    /// <summary>CLEF writes non-ASCII raw; the default encoder would escape it.</summary>
    public static JavaScriptEncoder Encoder => ClefWriter.Encoder;

    private static readonly ClefName TimestampKey = new("@t");
    private static readonly ClefName TemplateKey = new("@mt");
    private static readonly ClefName MessageKey = new("@m");
    private static readonly ClefName LevelKey = new("@l");
    private static readonly ClefName ExceptionKey = new("@x");
    private static readonly ClefName TraceIdKey = new("@tr");
    private static readonly ClefName SpanIdKey = new("@sp");
    private static readonly ClefName EventIdKey = new("event_id");
    private static readonly ClefName EventNameKey = new("event_name");
    private static readonly ClefName WideSpanIdKey = new(RecordFields.SpanId);
    private static readonly ClefName ThreadKey = new("thread");
    private static readonly ClefName CategoryKey = new("category");
    private static readonly ClefName ScopeKey = new("scope");

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

    /// <summary>The clock records are stamped with.</summary>
    public TimeProvider Clock => _clock;

    /// <summary>A file or socket name with <c>{component}</c>, <c>{pid}</c> and <c>{host}</c> filled in for this process.</summary>
    public string ExpandName(string template) => template
        .Replace("{component}", Component, StringComparison.Ordinal)
        .Replace("{pid}", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{host}", Environment.MachineName, StringComparison.Ordinal);

    public static string EscapeKey(string key) => key.StartsWith('@') ? "@" + key : key;

    /// <summary>The time a record is stamped with.</summary>
    // DateTime.UtcNow directly unless a TimeProvider was registered: it is read on every call.
    public DateTime Now => ReferenceEquals(_clock, TimeProvider.System) ? DateTime.UtcNow : _clock.GetUtcNow().UtcDateTime;

    /// <summary>Formats a captured call into this thread's buffer; copy the bytes out before formatting again.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void WriteState<TState>(FormatterState s, PendingRecord record, TState state, Func<TState, Exception?, string> formatter)
    {
        if (StructStateReader<TState>.IsStructList)
        {
            var keys = StructStateReader<TState>.Keys(state, out var write);
            var message = keys.Template is null || _includeMessage ? formatter(state, record.Exception) : null;
            WriteHead(s, record, keys.EncodedTemplate, message);
            if (write is not null && !keys.AnyDestructured)
            {
                var writer = s.Writer;
                for (var i = 0; i < keys.Count; i++)
                {
                    if (s.Keys.TryAdd(keys.Names[i], keys.Bits[i]))
                    {
                        writer.Name(keys.Encoded[i]);
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
            WriteHead(s, record, template is null ? null : JsonEncodedText.Encode(template, Encoder), message);
            WriteObjectState(s, state, list, template is not null);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteKeyedValues(FormatterState s, StateKeys keys, IReadOnlyList<KeyValuePair<string, object?>> list)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            var value = list[keys.Indexes[i]].Value;
            if (keys.Destructure[i] && value is not null && !PropertyDestructurer.IsScalar(value))
            {
                PropertyDestructurer.Write(s.Writer, keys.Names[i], value, ref s.Keys);
            }
            else if (s.Keys.TryAdd(keys.Names[i], keys.Bits[i]))
            {
                s.Writer.Name(keys.Encoded[i]);
                PropertyValueWriter.Write(s.Writer, value);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteHead(FormatterState s, PendingRecord record, JsonEncodedText? template, string? message)
    {
        var writer = s.Writer;
        writer.StartObject();
        WriteTimestamp(writer, record.Timestamp);
        if (template is { } encoded)
        {
            writer.Name(TemplateKey);
            writer.EscapedString(encoded.EncodedUtf8Bytes);
        }

        if (message is not null)
        {
            writer.Name(MessageKey);
            writer.String(message);
        }

        if (LevelNames.TryGet(record.Level, out var levelName))
        {
            writer.Name(LevelKey);
            writer.EscapedString(levelName.EncodedUtf8Bytes);
        }

        if (record.Exception is not null)
        {
            writer.Name(ExceptionKey);
            writer.String(record.Exception.ToString());
        }

        if (record.HasActivity)
        {
            Span<byte> raw = stackalloc byte[16];
            Span<char> hex = stackalloc char[32];
            record.TraceId.CopyTo(raw);
            LowerHex.Write(raw, hex);
            writer.Name(TraceIdKey);
            writer.String(hex);
            record.ActivitySpanId.CopyTo(raw[..8]);
            LowerHex.Write(raw[..8], hex);
            writer.Name(SpanIdKey);
            writer.String(hex[..16]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteTail(FormatterState s, PendingRecord record)
    {
        var writer = s.Writer;
        ref var keys = ref s.Keys;
        var eventId = record.EventId;
        if (eventId.Id != 0 && keys.TryAdd("event_id", EventIdBit))
        {
            writer.Name(EventIdKey);
            writer.Number(eventId.Id);
        }

        if (eventId.Name is not null && keys.TryAdd("event_name", EventNameBit))
        {
            writer.Name(EventNameKey);
            writer.String(eventId.Name);
        }

        var span = record.Span;
        if (span is not null && keys.TryAdd(RecordFields.SpanId, SpanIdBit))
        {
            writer.Name(WideSpanIdKey);
            writer.FormattedString(span.Guid, "D");
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
            writer.Name(ThreadKey);
            writer.Number(record.ThreadId);
        }

        if (_includeCategory && keys.TryAdd("category", CategoryBit))
        {
            writer.Name(CategoryKey);
            writer.EscapedString(record.Category.EncodedUtf8Bytes);
        }

        if (blockFits)
        {
            foreach (var field in _processFields)
            {
                keys.TryAdd(field.Key, field.Bit);
            }

            writer.Properties(_processBlock);
        }

        writer.EndObject();
    }

    /// <summary>A record Emit writes about itself, such as a file header or a drop notice.</summary>
    public byte[] FormatSystemRecord(LogLevel level, string template, params ReadOnlySpan<(string Key, object? Value)> properties)
    {
        var s = t_state ??= new FormatterState();
        s.Reset();
        var writer = s.Writer;
        ref var keys = ref s.Keys;
        writer.StartObject();
        WriteTimestamp(writer, _clock.GetUtcNow().UtcDateTime);
        writer.Name(TemplateKey);
        writer.String(template);
        if (LevelNames.TryGet(level, out var levelName))
        {
            writer.Name(LevelKey);
            writer.EscapedString(levelName.EncodedUtf8Bytes);
        }

        foreach (var (key, value) in properties)
        {
            WriteProperty(writer, key, value, ref keys);
        }

        foreach (var field in _processFields)
        {
            field.WriteTo(writer, ref keys);
        }

        writer.EndObject();
        return s.Record.ToArray();
    }

    public byte[] FormatDroppedNotice(string handler, long dropped, long droppedTotal) =>
        FormatSystemRecord(
            LogLevel.Warning,
            "Handler {handler} dropped {dropped_records} records because its queue was full",
            ("handler", handler),
            ("dropped_records", dropped),
            ("dropped_records_total", droppedTotal));

    public byte[] FormatHeartbeat(string handler, bool stopping, double intervalSeconds, long written, int queued, long droppedTotal) =>
        FormatSystemRecord(
            LogLevel.Information,
            "Heartbeat of {handler}: {heartbeat}, {records_written} records written, {queue_depth} queued, {dropped_records_total} dropped",
            ("handler", handler),
            ("heartbeat", stopping ? "stopping" : "alive"),
            ("records_written", written),
            ("queue_depth", queued),
            ("dropped_records_total", droppedTotal),
            ("heartbeat_interval_s", intervalSeconds),
            ("event_name", "heartbeat"));

    /// <summary>The fields as JSON properties, each preceded by a comma, ready to go before a closing brace.</summary>
    private static byte[] RenderBlock(PrerenderedField[] fields)
    {
        var block = new List<byte>(256);
        foreach (var field in fields)
        {
            block.Add((byte)',');
            block.AddRange(field.Name.Utf8);
            block.AddRange(field.RawValue);
        }

        return [.. block];
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteTimestamp(ClefWriter writer, DateTime utcNow)
    {
        // "O" gives exactly the 7 fractional digits CLEF readers expect.
        writer.Name(TimestampKey);
        writer.FormattedString(utcNow, "O");
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteListProperties(ClefWriter writer, IReadOnlyList<KeyValuePair<string, object?>> properties, bool isTemplate, ref WrittenKeys keys)
    {
        for (var i = 0; i < properties.Count; i++)
        {
            var (key, value) = properties[i];
            if (key == OriginalFormatKey)
            {
                continue;
            }

            if (isTemplate && StateKeys.IsDestructured(key))
            {
                PropertyDestructurer.Write(writer, StateKeys.StripCaptureOperator(key), value, ref keys);
            }
            else
            {
                WriteProperty(writer, isTemplate ? StateKeys.StripCaptureOperator(key) : key, value, ref keys);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteProperty(ClefWriter writer, string key, object? value, ref WrittenKeys keys)
    {
        if (!keys.TryAdd(key))
        {
            return;
        }

        writer.Name(ClefNames.Of(key));
        PropertyValueWriter.Write(writer, value);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteScopes(ClefWriter writer, FormatterState s, object?[] items)
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
            writer.Name(ScopeKey);
            writer.String(text);
        }
    }

    internal sealed class FormatterState
    {
        public ClefWriter Writer { get; } = new(1024);

        public WrittenKeys Keys = new();

        public ReadOnlySpan<byte> Record => Writer.Written;

        public void Reset()
        {
            Writer.Reset();
            Keys.Clear();
        }
    }
}
