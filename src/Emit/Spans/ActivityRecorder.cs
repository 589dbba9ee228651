using System.Buffers.Binary;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using WideEvents.Emit.Binding;

namespace WideEvents.Emit.Spans;

/// <summary>
/// Writes the activities of the configured <see cref="ActivitySource"/>s (HttpClient, ASP.NET
/// Core, gRPC...) as span records: a start and an end record, as <see cref="LexicalSpan"/>
/// writes them, with the activity's tags, status and parent. An activity begun inside a
/// <see cref="LexicalSpan"/> of an object-bound logger carries that object's identity, and names
/// the span as its parent when it has no parent activity. Made only when sources are configured.
/// </summary>
internal sealed class ActivityRecorder : IDisposable
{
    private const string StartMessage = "Span {span_name} {span_event}";
    private const string EndMessage = "Span {span_name} {span_event} after {duration_s} s: {outcome}";
    private const string ContextProperty = "WideEvents.ActivityRecorder";
    private static readonly EventId StartEvent = new(1, "span_start");
    private static readonly EventId EndEvent = new(2, "span_end");

    private readonly ILoggerProvider _provider;
    private readonly Dictionary<string, ILogger> _byCategory = new(StringComparer.Ordinal);
    private readonly ulong _sampledBelow;
    private readonly ActivityListener _listener;

    public ActivityRecorder(ILoggerProvider provider, IReadOnlyList<string> sources, double sampling)
    {
        // The provider's own loggers: activity records go to WideEvents handlers only.
        _provider = provider;
        _sampledBelow = sampling >= 1 ? ulong.MaxValue : (ulong)(sampling * ulong.MaxValue);
        _listener = new ActivityListener
        {
            ShouldListenTo = source => Matches(sources, source.Name),
            Sample = Sample,
            ActivityStarted = activity => Write(activity, end: false),
            ActivityStopped = activity => Write(activity, end: true),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();

    private static bool Matches(IReadOnlyList<string> sources, string name)
    {
        foreach (var source in sources)
        {
            if (source.EndsWith('*') ? name.StartsWith(source.AsSpan(0, source.Length - 1), StringComparison.Ordinal) : name == source)
            {
                return true;
            }
        }

        return false;
    }

    private ActivitySamplingResult Sample(ref ActivityCreationOptions<ActivityContext> options)
    {
        // Emit's own calls (the gRPC handler shipping records) would write records about shipping records.
        if (OwnCalls.Active)
        {
            return ActivitySamplingResult.None;
        }

        if (options.Parent != default)
        {
            return options.Parent.TraceFlags.HasFlag(ActivityTraceFlags.Recorded) ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.PropagationData;
        }

        if (_sampledBelow == ulong.MaxValue)
        {
            return ActivitySamplingResult.AllDataAndRecorded;
        }

        Span<byte> traceId = stackalloc byte[16];
        options.TraceId.CopyTo(traceId);
        return BinaryPrimitives.ReadUInt64BigEndian(traceId[8..]) < _sampledBelow ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.PropagationData;
    }

    private void Write(Activity activity, bool end)
    {
        if (!activity.Recorded)
        {
            return;
        }

        var context = end ? activity.GetCustomProperty(ContextProperty) as StartContext : null;
        if (!end)
        {
            var span = LexicalSpan.Current;
            context = new StartContext((span?.Logger as BoundLogger)?.Fields, span?.Id);
            activity.SetCustomProperty(ContextProperty, context);
        }

        var fields = new List<KeyValuePair<string, object?>>(8 + (end ? 4 : 0))
        {
            // The operation name, which the start and the end share; libraries change the display name on the way (HttpClient's becomes the method).
            new("span_name", activity.OperationName),
            new("span_event", end ? "end" : "start"),
        };
        if (end)
        {
            fields.Add(new("duration_s", activity.Duration.TotalSeconds));
            fields.Add(new("outcome", Outcome(activity)));
        }

        fields.Add(new(RecordFields.SpanId, activity.SpanId.ToHexString()));
        var parent = activity.ParentSpanId != default ? activity.ParentSpanId.ToHexString() : context?.LexicalParent;
        if (parent is not null)
        {
            fields.Add(new("span_parent", parent));
        }

        if (activity.Kind != ActivityKind.Internal)
        {
            fields.Add(new("span_kind", activity.Kind.ToString().ToLowerInvariant()));
        }

        if (end && activity.DisplayName != activity.OperationName)
        {
            fields.Add(new("span_display_name", activity.DisplayName));
        }

        if (end && !string.IsNullOrEmpty(activity.StatusDescription))
        {
            fields.Add(new("status_message", activity.StatusDescription));
        }

        foreach (var tag in activity.TagObjects)
        {
            fields.Add(tag);
        }

        var state = new ActivityRecordState(end ? EndMessage : StartMessage, fields);
        var level = end && activity.Status == ActivityStatusCode.Error ? LogLevel.Error : LogLevel.Information;
        var logger = LoggerFor(activity.Source.Name);
        var previous = context?.Bound is { } bound ? BoundFields.Enter(bound) : BoundFields.Current;
        try
        {
            logger.Log(level, end ? EndEvent : StartEvent, state, null, static (s, _) => s.ToString());
        }
        finally
        {
            BoundFields.Exit(previous);
        }
    }

    // As LexicalSpan: "ok", or the type of the exception the activity recorded (its "exception" event).
    private static string Outcome(Activity activity)
    {
        if (activity.Status != ActivityStatusCode.Error)
        {
            return "ok";
        }

        foreach (var activityEvent in activity.Events)
        {
            if (activityEvent.Name == "exception")
            {
                foreach (var tag in activityEvent.Tags)
                {
                    if (tag.Key == "exception.type" && tag.Value is string type)
                    {
                        return type;
                    }
                }
            }
        }

        return string.IsNullOrEmpty(activity.StatusDescription) ? "error" : activity.StatusDescription;
    }

    private ILogger LoggerFor(string category)
    {
        lock (_byCategory)
        {
            if (!_byCategory.TryGetValue(category, out var logger))
            {
                logger = _provider.CreateLogger(category);
                _byCategory.Add(category, logger);
            }

            return logger;
        }
    }

    private sealed record StartContext(BoundFields? Bound, string? LexicalParent);
}
