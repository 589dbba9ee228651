namespace WideEvents.Analyze.Reports;

/// <summary>
/// Entities that went through alike steps (the same, or but for a missing or repeated step) and
/// ended the same way, and their averaged path. A step's <see cref="CommonStep.Count"/> says how
/// many of the <see cref="Entities"/> had it.
/// </summary>
/// <param name="Entities">How many entities have this shape.</param>
/// <param name="Examples">Up to five of their entity keys, as <c>k=v,k=v</c>.</param>
/// <param name="Steps">The steps, sorted by mean offset.</param>
public sealed record CommonShape(int Entities, IReadOnlyList<string> Examples, IReadOnlyList<CommonStep> Steps)
{
    /// <summary>The final state its entities reached (<c>exec_done</c>, <c>failed</c>, ..., with " after retry"), null when no lifecycle tells.</summary>
    public string? Outcome { get; init; }
}
