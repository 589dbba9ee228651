using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Reports;

/// <summary>
/// Which run a record belongs to: its DFK (<c>parsl_dfk</c>), else its <c>run_id</c>, else, for
/// Work Queue and TaskVine, its transaction log and manager pid, else the run directory its file
/// was found in (<c>run</c>). Task ids restart in every run, so an entity named only by a
/// task id is one entity per run, never one across runs.
/// </summary>
internal static class RunScope
{
    public static string? Of(Record r) =>
        r.TryGet("parsl_dfk", out var dfk) && !dfk.IsNull ? dfk.Canonical().ToString()
        : r.TryGet("run_id", out var id) && !id.IsNull ? id.Canonical().ToString()
        : r.TryGet("wq_manager_pid", out var pid) && !pid.IsNull ? $"{r.Source} manager {pid}"
        : r.TryGet("run", out var run) && !run.IsNull ? run.ToString()
        : null;
}
