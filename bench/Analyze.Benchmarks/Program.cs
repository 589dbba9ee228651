using System.Diagnostics;
using WideEvents.Analyze.Algebra;
using WideEvents.Analyze.Benchmarks;
using WideEvents.Analyze.Loaders;
using WideEvents.Analyze.Reports;

// Usage: dotnet run -c Release --project bench/Analyze.Benchmarks -- [tasks=60000] [dir=/tmp/wide-bench] [--per-rule] [--memory]
//   --memory: after each phase, a full collection and the managed bytes still held per record. The
//   collections cost time, so phase times of a --memory run are not the ones to report.
//        or: ... --duckdb FILE.parquet "SQL"   runs SQL in embedded DuckDB (the export's comparison)
if (args.Length == 3 && args[0] == "--duckdb")
{
    var t0 = Stopwatch.StartNew();
    var rows = DuckDbQuery.Run(args[2]);
    Console.WriteLine($"{rows} rows in {t0.Elapsed.TotalSeconds:F2} s from {args[1]}");
    return;
}
var positional = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
var tasks = positional.Length > 0 ? int.Parse(positional[0], System.Globalization.CultureInfo.InvariantCulture) : 60_000;
var dir = positional.Length > 1 ? positional[1] : Path.Combine(Path.GetTempPath(), $"wide-bench-{tasks}");
var memory = args.Contains("--memory");
if (!Directory.Exists(dir))
{
    var sw0 = Stopwatch.StartNew();
    SyntheticRun.Write(dir, tasks);
    Console.WriteLine($"generated {tasks} tasks x 20 records in 4 files under {dir} in {sw0.Elapsed.TotalSeconds:F2} s");
}
var bytes = Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
Console.WriteLine($"input: {bytes / 1e6:F1} MB");

var held = new List<string>();
// CPU seconds per phase too: on a shared machine wall times move with the other work, CPU times much less.
var cpu = new List<double> { Cpu() };
var sw = Stopwatch.StartNew();
var records = RecordLoader.Load(dir).Records;
var load = sw.Elapsed;
cpu.Add(Cpu());
Held("load");
if (args.Contains("--per-rule"))
{
    foreach (var rule in RuleSet.Load(Path.Combine(AppContext.BaseDirectory, "Rules", "parsl.rules.json")).Rules)
    {
        var t = Stopwatch.StartNew();
        var o = rule.Apply(records);
        Console.WriteLine($"  {rule}: {t.Elapsed.TotalSeconds:F2} s, {o.Changed} set");
    }
    sw.Restart();
    load = TimeSpan.Zero;
}
var outcome = RuleSet.Load(Path.Combine(AppContext.BaseDirectory, "Rules", "parsl.rules.json")).Apply(records);
var rules = sw.Elapsed - load;
cpu.Add(Cpu());
Held("rules");
var common = CommonPathReport.Build(records);
var path = sw.Elapsed - load - rules;
cpu.Add(Cpu());
Held("common");
var flow = FlowReport.Build(records, EntitySpec.Parse("parsl_task_id=358"));
var flowTime = sw.Elapsed - load - rules - path;
cpu.Add(Cpu());
Held("flow");

Console.WriteLine($"records: {records.Count}, rule passes: {outcome.Iterations}, properties set: {outcome.Changed}, conflicts: {outcome.Conflicts.Count}");
Console.WriteLine($"shapes: {common.Shapes.Count}, entities: {common.Shapes.Sum(s => s.Entities)}, task 358 flow: {flow.Count} records");
Console.WriteLine($"load {load.TotalSeconds:F2} s, rules {rules.TotalSeconds:F2} s, common path {path.TotalSeconds:F2} s, flow {flowTime.TotalSeconds:F2} s, total {sw.Elapsed.TotalSeconds:F2} s");
var gc = GC.GetGCMemoryInfo();
Console.WriteLine($"GC heap {gc.HeapSizeBytes / 1e6:F0} MB, fragmented {gc.FragmentedBytes / 1e6:F0} MB, committed {gc.TotalCommittedBytes / 1e6:F0} MB at the last collection; {GC.GetTotalMemory(false) / 1e6:F0} MB now");
Console.WriteLine($"CPU s: load {cpu[1] - cpu[0]:F2}, rules {cpu[2] - cpu[1]:F2}, common path {cpu[3] - cpu[2]:F2}, flow {cpu[4] - cpu[3]:F2}");
if (memory)
{
    Console.WriteLine($"managed heap held per record after {string.Join(", ", held)} (phase times include the collections)");
}
Console.WriteLine($"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB; CPU {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:F2} s; GC pauses {GC.GetTotalPauseDuration().TotalSeconds:F2} s, collections {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} (gen0/1/2)");

static double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

void Held(string phase)
{
    if (memory)
    {
        var live = GC.GetTotalMemory(forceFullCollection: true);
        held.Add($"{phase} {live / (double)Math.Max(1, records.Count):F0} B");
    }
}
