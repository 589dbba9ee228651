using Microsoft.Extensions.Logging;

namespace WideEvents.Emit.Spans;

// span_id and span_parent are record fields, not words of the message.
#pragma warning disable SYSLIB1015

// The nested and top-level variants are the same event, so they share its name.
#pragma warning disable SYSLIB1025

/// <summary>
/// The start and end records of a span, as source-generated log methods. A top-level span has
/// no <c>span_parent</c> key at all rather than a null one.
/// </summary>
internal static partial class SpanLog
{
    private const string StartMessage = "Span {span_name} {span_event}";
    private const string EndMessage = "Span {span_name} {span_event} after {duration_s} s: {outcome}";

    public static void Start(ILogger logger, string name, Guid id, Guid? parent)
    {
        if (parent is null)
        {
            TopStart(logger, name, "start", id);
        }
        else
        {
            NestedStart(logger, name, "start", id, parent.Value);
        }
    }

    public static void End(ILogger logger, string name, Guid id, Guid? parent, double seconds, string outcome)
    {
        if (parent is null)
        {
            TopEnd(logger, name, "end", seconds, outcome, id);
        }
        else
        {
            NestedEnd(logger, name, "end", seconds, outcome, id, parent.Value);
        }
    }

    // The tie record carries no event id or name, as it always has: Define, not the generator,
    // which would name the event after the method.
    private static readonly Action<ILogger, string, Exception?> TiedRecord =
        LoggerMessage.Define<string>(LogLevel.Information, default, "Span {span_name} is tied to its identity");

    public static void Tied(ILogger logger, string name) => TiedRecord(logger, name, null);

    [LoggerMessage(EventId = 1, EventName = "span_start", Level = LogLevel.Information, Message = StartMessage)]
    private static partial void TopStart(ILogger logger, string span_name, string span_event, Guid span_id);

    [LoggerMessage(EventId = 1, EventName = "span_start", Level = LogLevel.Information, Message = StartMessage)]
    private static partial void NestedStart(ILogger logger, string span_name, string span_event, Guid span_id, Guid span_parent);

    [LoggerMessage(EventId = 2, EventName = "span_end", Level = LogLevel.Information, Message = EndMessage)]
    private static partial void TopEnd(ILogger logger, string span_name, string span_event, double duration_s, string outcome, Guid span_id);

    [LoggerMessage(EventId = 2, EventName = "span_end", Level = LogLevel.Information, Message = EndMessage)]
    private static partial void NestedEnd(ILogger logger, string span_name, string span_event, double duration_s, string outcome, Guid span_id, Guid span_parent);
}
