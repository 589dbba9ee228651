namespace WideEvents.Emit;

/// <summary>The field names of the record contract that Emit itself writes (docs/record-format.md).</summary>
public static class RecordFields
{
    /// <summary>The UUIDv7 of a lexical span; also on every record written inside it.</summary>
    public const string SpanId = "span_id";

    /// <summary>The <see cref="SpanId"/> of the enclosing span, on start and end records.</summary>
    public const string SpanParent = "span_parent";

    /// <summary>The name given to <c>BeginSpan</c>.</summary>
    public const string SpanName = "span_name";

    /// <summary><c>start</c> or <c>end</c>.</summary>
    public const string SpanEvent = "span_event";

    /// <summary>Seconds from a span's start to its end, on the end record.</summary>
    public const string DurationSeconds = "duration_s";

    /// <summary><c>ok</c>, or the type name of the exception that left the span, on the end record.</summary>
    public const string Outcome = "outcome";

    /// <summary>The name of a metric.</summary>
    public const string Metric = "metric";

    /// <summary>The number a metric record carries.</summary>
    public const string Value = "value";

    /// <summary><c>alive</c> or <c>stopping</c>, on the heartbeat records a handler writes.</summary>
    public const string Heartbeat = "heartbeat";

    /// <summary>The UUID in the header record that begins every file Emit writes.</summary>
    public const string FileUuid = "file_uuid";
}
