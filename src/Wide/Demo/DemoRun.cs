using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Spectre.Console;
using WideEvents.Analyze.Algebra;
using WideEvents.Analyze.Loaders;
using WideEvents.Analyze.Records;
using WideEvents.Analyze.Reports;
using WideEvents.Analyze.Visuals.Report;
using WideEvents.Analyze.Visuals.Trace;

namespace WideEvents.Cli.Demo;

/// <summary>
/// The main job, end to end: a collector and a sidecar (wide-shipper), a TaskFarm run whose
/// processes write CLEF files that the sidecar tails and ships, a wait until the collector's
/// store holds every record, then the Analyze reports on that store.
/// </summary>
internal sealed class DemoRun(DemoSettings settings, TextWriter output, TextWriter error)
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromMinutes(3);

    private readonly IAnsiConsole _progress = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(error) });

    public async Task<int> RunAsync()
    {
        var programs = DemoPrograms.Locate();
        var root = Path.GetFullPath(settings.OutputDirectory);
        var runDirectory = Path.Combine(root, "runinfo", "000");
        var store = Path.Combine(root, "store");
        var shipperDirectory = Path.Combine(root, "shipper");
        if (Directory.Exists(Path.Combine(root, "runinfo")) || Directory.Exists(store))
        {
            throw new CommandException($"{root} already holds a demo run; choose another --out or remove it");
        }

        Directory.CreateDirectory(shipperDirectory);
        var port = FreeLoopbackPort();
        bool nats = settings.Transport == "nats";
        await File.WriteAllTextAsync(Path.Combine(shipperDirectory, "collector.json"), nats ? ShipperConfigs.NatsCollector(port) : ShipperConfigs.Collector(port));
        await File.WriteAllTextAsync(Path.Combine(shipperDirectory, "sidecar.json"), nats ? ShipperConfigs.NatsSidecar(port) : ShipperConfigs.Sidecar(port));

        Step($"Output in {root}");
        using var natsServer = nats ? await DemoNats.StartAsync(port, root) : null;
        using var collector = ChildProgram.Start(programs.Shipper, ["run", "--config", "collector.json"], Path.Combine(shipperDirectory, "collector.log"), shipperDirectory);
        if (nats)
        {
            Step($"NATS JetStream on 127.0.0.1:{port} (stream WIDE in {Path.Combine(root, "nats")}); collector consuming it, storing in {store}");
        }
        else
        {
            await WaitForPortAsync(port, collector);
            Step($"Collector listening on 127.0.0.1:{port}, storing in {store}");
        }

        using var sidecar = ChildProgram.Start(programs.Shipper, ["run", "--config", "sidecar.json"], Path.Combine(shipperDirectory, "sidecar.log"), shipperDirectory);
        Step($"Sidecar tailing {Path.Combine(root, "runinfo")}/**/*.jsonl");

        var summary = await RunTaskFarmAsync(programs, root, runDirectory, store);
        var records = await WaitUntilStoredAsync(Path.Combine(root, "runinfo"), store, sidecar, collector);
        await sidecar.StopAsync(TimeSpan.FromSeconds(20));
        await collector.StopAsync(TimeSpan.FromSeconds(20));
        if (natsServer is not null)
        {
            await natsServer.StopAsync(TimeSpan.FromSeconds(20));
        }

        Step($"Shipped and stored {records:N0} records; shippers stopped");

        return Analyse(root, store, summary, records);
    }

    private async Task<JsonElement> RunTaskFarmAsync(DemoPrograms programs, string root, string runDirectory, string store)
    {
        string? last = null;
        var arguments = new List<string>
        {
            "--tasks", settings.Tasks.ToString(CultureInfo.InvariantCulture),
            "--pools", settings.Pools.ToString(CultureInfo.InvariantCulture),
            "--workers", settings.Workers.ToString(CultureInfo.InvariantCulture),
            "--fail-rate", settings.FailRate.ToString(CultureInfo.InvariantCulture),
            "--run-dir", runDirectory,
        };
        using var farm = ChildProgram.Start(programs.TaskFarm, arguments, Path.Combine(root, "taskfarm.log"), root, line => last = line);
        var stored = new LineCounter(store, "*.jsonl");
        var clock = Stopwatch.StartNew();
        await _progress.Status().StartAsync($"TaskFarm: {settings.Tasks} tasks on {settings.Pools} pools x {settings.Workers} workers", async context =>
        {
            while (!farm.HasExited)
            {
                context.Status($"TaskFarm running ({clock.Elapsed.TotalSeconds:0}s): {stored.Count():N0} records already in the collector's store");
                await Task.Delay(500);
            }
        });
        await farm.WaitForExitAsync(CancellationToken.None);
        if (farm.ExitCode != 0 || last is null)
        {
            throw new CommandException($"TaskFarm failed (exit code {farm.ExitCode}); its output is in {farm.LogPath}");
        }

        var summary = JsonDocument.Parse(last).RootElement.Clone();
        Step($"TaskFarm finished in {summary.GetProperty("seconds").GetDouble():0.0}s: {summary.GetProperty("exec_done").GetInt32()} done, {summary.GetProperty("failed").GetInt32()} failed, {summary.GetProperty("dep_fail").GetInt32()} failed on dependencies, {summary.GetProperty("tries").GetInt32()} tries");
        return summary;
    }

    /// <summary>Waits until the store holds as many records as the run's files have complete lines.</summary>
    private async Task<long> WaitUntilStoredAsync(string runinfo, string store, ChildProgram sidecar, ChildProgram collector)
    {
        var written = new LineCounter(runinfo, "*.jsonl").Count();
        var stored = new LineCounter(store, "*.jsonl");
        var clock = Stopwatch.StartNew();
        long count = 0;
        await _progress.Progress().AutoClear(true).StartAsync(async context =>
        {
            var task = context.AddTask("Shipping to the collector", maxValue: written);
            while ((count = stored.Count()) < written && clock.Elapsed < DrainTimeout && !sidecar.HasExited && !collector.HasExited)
            {
                task.Value = count;
                await Task.Delay(250);
            }

            task.Value = count;
        });
        if (count < written)
        {
            throw new CommandException(
                $"the store holds {count:N0} of {written:N0} records after {clock.Elapsed.TotalSeconds:0}s; see {sidecar.LogPath} and {collector.LogPath}");
        }

        return count;
    }

    private int Analyse(string root, string store, JsonElement summary, long records)
    {
        var rulesArguments = new[] { "--rules", "taskfarm" };
        output.WriteLine();
        output.WriteLine($"=== Run {summary.GetProperty("run_id").GetString()}: {summary.GetProperty("tasks").GetInt32()} tasks, {records:N0} records from {CountSources(store)} sources ===");

        var loaded = RecordLoader.Load(store);
        RuleSet.Load(Path.Combine(AppContext.BaseDirectory, "Rules", "taskfarm.rules.json")).Apply(loaded.Records);

        // The reports are the CLI's own commands, run in-process on the store.
        var task = PickTask(loaded.Records);
        output.WriteLine();
        output.WriteLine($"=== The flow of task {task}, across every process and both id spaces ===");
        WideCli.Run(["flow", store, "--entity", $"task_id={task}", .. rulesArguments], output, error);

        output.WriteLine();
        output.WriteLine("=== The common path of a try (steps, offsets from the try's first record, the widest gap marked) ===");
        WideCli.Run(["common", store, "--by", "run_id,task_id,try_id", .. rulesArguments], output, error);

        output.WriteLine();
        output.WriteLine("=== Tasks in each state at the end (the whole step function: wide states STORE --rules taskfarm) ===");
        foreach (var timeline in StateReport.Build(loaded.Records))
        {
            var last = timeline.Points[^1];
            output.WriteLine($"{timeline.Name}: {timeline.Entities} entities; " + string.Join(", ",
                timeline.States.Select((state, i) => (state, count: last.Counts[i])).Where(p => p.count > 0).Select(p => $"{p.count} {p.state}")));
        }

        var report = Path.Combine(root, "report.html");
        using (var stream = File.Create(report))
        {
            HtmlReport.Write(loaded.Records, stream);
        }

        var trace = Path.Combine(root, "trace.json");
        using (var stream = File.Create(trace))
        {
            ChromeTrace.Write(loaded.Records, stream);
        }

        output.WriteLine();
        output.WriteLine("=== Outputs ===");
        output.WriteLine($"  store (every record once, CLEF):  {store}");
        output.WriteLine($"  TaskFarm's own files:             {Path.Combine(root, "runinfo", "000")}");
        output.WriteLine($"  HTML report:                      {report}");
        output.WriteLine($"  Perfetto trace:                   {trace}  (open in https://ui.perfetto.dev)");
        output.WriteLine($"  explore:                          dotnet run --project src/Wide -- serve {store} --rules taskfarm");
        return ExitCodes.Ok;
    }

    /// <summary>A task worth looking at: one that was retried, else the first task of the last diamond.</summary>
    private static string PickTask(IEnumerable<Record> records) =>
        records.FirstOrDefault(r => r.Has("next_try_id") && r.Has("task_id"))?["task_id"].ToString() ?? "3";

    private static int CountSources(string store) =>
        Directory.EnumerateFiles(store, "*.jsonl").Select(f => Path.GetFileName(f).Split('.')[0]).Distinct().Count();

    private void Step(string message) => error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static async Task WaitForPortAsync(int port, ChildProgram program)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (clock.Elapsed < TimeSpan.FromSeconds(60) && !program.HasExited)
            {
                await Task.Delay(100);
            }
            catch (SocketException)
            {
                throw new CommandException($"{Path.GetFileNameWithoutExtension(program.LogPath)} did not start; see {program.LogPath}");
            }
        }
    }
}
