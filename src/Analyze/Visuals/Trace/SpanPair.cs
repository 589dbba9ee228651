using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Visuals.Trace;

/// <summary>A matched span: the record whose track it goes on, its times (epoch seconds), name and details.</summary>
internal sealed record SpanPair(Record Anchor, double Start, double End, string Name, List<KeyValuePair<string, object>> Args);
