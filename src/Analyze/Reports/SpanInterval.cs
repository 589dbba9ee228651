using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Reports;

/// <summary>A matched span, as every report and visual sees it.</summary>
/// <param name="Anchor">The record whose process and thread the span belongs to (its start, else its end).</param>
/// <param name="Start">Epoch seconds.</param>
/// <param name="End">Epoch seconds.</param>
/// <param name="Name">The name spans are grouped by: <c>span_name</c>, the wrapped function, or the LexicalSpan template before <c>: start</c>.</param>
/// <param name="Display">The name to show one span by (a LexicalSpan's rendered message).</param>
/// <param name="Failed">It ended with an exception (an <c>outcome</c> other than <c>ok</c>).</param>
/// <param name="Details">Its ids and outcome, for a trace viewer.</param>
internal sealed record SpanInterval(Record Anchor, double Start, double End, string Name, string Display, bool Failed, List<KeyValuePair<string, object>> Details)
{
    /// <summary>Seconds: the end record's <c>duration_s</c> when it has one (exact), else <see cref="End"/> minus <see cref="Start"/>.</summary>
    public double Duration { get; init; } = End - Start;
}
