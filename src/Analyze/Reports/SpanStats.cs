namespace WideEvents.Analyze.Reports;

/// <summary>Durations of the spans with one name.</summary>
/// <param name="Name">The span name (for message-derived spans, the template before <c>: start</c>).</param>
/// <param name="Count">Completed spans.</param>
/// <param name="Failed">Spans that ended with an exception.</param>
/// <param name="Unmatched">Starts without an end, or ends without a start.</param>
/// <param name="Mean">Mean duration, seconds.</param>
/// <param name="Median">Median duration.</param>
/// <param name="P95">95th percentile duration.</param>
/// <param name="Max">Longest duration.</param>
public sealed record SpanStats(string Name, int Count, int Failed, int Unmatched, double Mean, double Median, double P95, double Max);
