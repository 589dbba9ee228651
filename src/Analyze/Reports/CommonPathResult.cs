namespace WideEvents.Analyze.Reports;

/// <summary>The common paths of a set of entities.</summary>
/// <param name="EntityKeys">The keys that named entities.</param>
/// <param name="Shapes">One path per shape, most common first.</param>
/// <param name="RecordsUsed">Records that belonged to an entity and had a template and a time.</param>
/// <param name="RecordsDiscarded">Other records.</param>
public sealed record CommonPathResult(IReadOnlyList<string> EntityKeys, IReadOnlyList<CommonShape> Shapes, int RecordsUsed, int RecordsDiscarded);
