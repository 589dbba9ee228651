namespace WideEvents.Analyze.Reports;

/// <summary>The flow of an entity within one run.</summary>
/// <param name="Run">The run (<c>parsl_dfk</c>, <c>run_id</c> or run directory), null for records that name none.</param>
/// <param name="Lines">The entity's records in that run, in time order.</param>
public sealed record RunFlow(string? Run, IReadOnlyList<FlowLine> Lines);
