namespace WideEvents.Analyze.Reports;

/// <summary>Entities whose records have the same multiset of step keys, and their averaged path.</summary>
/// <param name="Entities">How many entities have this shape.</param>
/// <param name="Examples">Up to five of their entity keys, as <c>k=v,k=v</c>.</param>
/// <param name="Steps">The steps, sorted by mean offset.</param>
public sealed record CommonShape(int Entities, IReadOnlyList<string> Examples, IReadOnlyList<CommonStep> Steps);
