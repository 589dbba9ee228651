using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Reports;

/// <summary>One event in an entity's flow.</summary>
/// <param name="Time">Seconds since the Unix epoch (NaN when the record has no time).</param>
/// <param name="Offset">Seconds since the entity's first event.</param>
/// <param name="Process">Process id or name.</param>
/// <param name="Thread">Thread name.</param>
/// <param name="Message">Rendered message.</param>
/// <param name="Source">The record's <c>logsource</c>, else its file name.</param>
/// <param name="Record">The record itself.</param>
public sealed record FlowLine(double Time, double Offset, string? Process, string? Thread, string? Message, string Source, Record Record);
