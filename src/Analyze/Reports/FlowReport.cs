using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Reports;

/// <summary>The flow of one entity across every source, in time order (the prototype's taskwiden1).</summary>
public static class FlowReport
{
    /// <summary>
    /// Every record of <paramref name="entity"/>, sorted by time (records without a time last, in
    /// input order), with the offset from the entity's first event.
    /// </summary>
    public static IReadOnlyList<FlowLine> Build(IEnumerable<Record> records, EntitySpec entity) =>
        Lines(Select(records, entity));

    /// <summary>
    /// The flow of <paramref name="entity"/> in each run it occurs in (see <see cref="Build"/>):
    /// text logs name no run, and task 0 of run 000 is not task 0 of run 001, so records of
    /// different runs (<c>parsl_dfk</c>, <c>run_id</c>, else the run directory) are never mixed in
    /// one flow. Runs come in order of their first event.
    /// </summary>
    public static IReadOnlyList<RunFlow> ByRun(IEnumerable<Record> records, EntitySpec entity) =>
        Select(records, entity)
            .GroupBy(RunScope.Of)
            .Select(g => new RunFlow(g.Key, Lines(g.ToList())))
            .OrderBy(f => f.Lines.Count > 0 && !double.IsNaN(f.Lines[0].Time) ? f.Lines[0].Time : double.MaxValue)
            .ToList();

    // A worker's disconnection names no task: it joins the flows of the tasks it was running.
    private static List<Record> Select(IEnumerable<Record> records, EntitySpec entity)
    {
        var all = records as IReadOnlyList<Record> ?? records.ToList();
        var selected = entity.Select(all).ToList();
        selected.AddRange(WorkerDisconnections.During(all, selected));
        return selected;
    }

    private static List<FlowLine> Lines(List<Record> selected)
    {
        var timed = selected.Where(r => !double.IsNaN(r.Time)).OrderBy(r => r.Time).ToList();
        var first = timed.Count > 0 ? timed[0].Time : double.NaN;
        return timed.Concat(selected.Where(r => double.IsNaN(r.Time)))
            .Select(r => new FlowLine(r.Time, r.Time - first, r.Process(), r.Thread(), r.Message() ?? Describe(r), SourceName(r), r))
            .ToList();
    }

    internal static string SourceName(Record r) =>
        r.TryGet("logsource", out var s) && !s.IsNull ? s.ToString() : Path.GetFileName(r.Source);

    // Database rows have no message; show their table and non-identity columns instead.
    private static string Describe(Record r) =>
        string.Join(" ", r.Properties.Where(p => !p.Value.IsNull && p.Key is not ("logsource" or "run"))
            .Take(8).Select(p => $"{p.Key}={p.Value}"));
}
