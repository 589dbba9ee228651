using Microsoft.Extensions.Logging;

namespace WideEvents.Emit.Spans;

// span_id and span_parent are record fields, not words of the message.
#pragma warning disable SYSLIB1015

/// <summary>The start and end records of a span, as source-generated log methods.</summary>
internal static partial class SpanLog
{
    [LoggerMessage(EventId = 0, Level = LogLevel.Information, Message = "Span {span_name} {span_event}", SkipEnabledCheck = false)]
    private static partial void StartCore(ILogger logger, string span_name, string span_event, string span_id, string? span_parent);

    [LoggerMessage(EventId = 0, Level = LogLevel.Information, Message = "Span {span_name} {span_event} after {duration_s} s: {outcome}")]
    private static partial void EndCore(ILogger logger, string span_name, string span_event, double duration_s, string outcome, string span_id, string? span_parent);

    public static void Start(ILogger logger, string name, string id, string? parent) =>
        StartCore(logger, name, "start", id, parent);

    public static void End(ILogger logger, string name, string id, string? parent, double seconds, string outcome) =>
        EndCore(logger, name, "end", seconds, outcome, id, parent);
}
