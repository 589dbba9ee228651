namespace WideEvents.Analyze.Visuals.Trace;

/// <summary>What a written trace holds.</summary>
/// <param name="Processes">Process tracks (components, plus one for task states when there are any).</param>
/// <param name="Threads">Thread tracks, including extra tracks made for overlapping slices.</param>
/// <param name="Slices">Complete (<c>X</c>) events.</param>
/// <param name="Flows">Flow arrows (each one <c>s</c> and one <c>f</c> event).</param>
/// <param name="Counters">Counter (<c>C</c>) samples.</param>
/// <param name="Instants">Instant (<c>i</c>) events, one per record.</param>
public sealed record TraceSummary(int Processes, int Threads, int Slices, int Flows, int Counters, int Instants);
