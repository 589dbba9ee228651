using System.Globalization;
using System.Text;

namespace WideEvents.Analyze.Benchmarks;

/// <summary>
/// Writes a Parsl-prototype-shaped run: per task 8 DFK records, 4 interchange, 4 manager and 4
/// worker records (20), in four files, all values strings as the prototype's JSONHandler writes.
/// </summary>
internal static class SyntheticRun
{
    private const string Dfk = "44a1b621-4a00-4e80-ad76-addcf211b98d";

    public static string Write(string root, int tasks)
    {
        var run = Path.Combine(root, "runinfo", "000");
        var mgr = Path.Combine(run, "htex_Local", "block-0", "d92990c14616");
        Directory.CreateDirectory(mgr);
        var rng = new Random(42);
        using var dfk = Open(Path.Combine(run, "parsl.jsonlog"));
        using var ix = Open(Path.Combine(run, "htex_Local", "interchange.jsonlog"));
        using var manager = Open(Path.Combine(mgr, "manager.jsonlog"));
        using var worker = Open(Path.Combine(mgr, "worker_0.jsonlog"));
        var t0 = 1795555280.0;
        for (var task = 0; task < tasks; task++)
        {
            var t = t0 + task * 0.01;
            var exec = task + 1;
            double Next(double mean) => t += mean * (0.5 + rng.NextDouble());
            string Task(string template, string formatted, string thread, string extra = "") =>
                Line(Next(0.0001), "8298", thread, "parsl.dataflow.dflow", template, formatted,
                    $"\"parsl_dfk\": \"{Dfk}\", \"parsl_task_id\": \"{task}\"{extra}");
            dfk.WriteLine(Task("Task %s: will be sent to executor htex_Local", $"Task {task}: will be sent to executor htex_Local", "MainThread"));
            dfk.WriteLine(Task("Task %s: submitted for App a, not waiting on any dependency", $"Task {task}: submitted for App a, not waiting on any dependency", "MainThread"));
            dfk.WriteLine(Task("Task %s: initializing state to pending", $"Task {task}: initializing state to pending", "MainThread"));
            dfk.WriteLine(Task("Task %s: changing state from pending to launched", $"Task {task}: changing state from pending to launched", "Task-Launch_0"));
            dfk.WriteLine(Task("Task %s: try %s launched on executor %s with executor id %s", $"Task {task}: try 0 launched on executor htex_Local with executor id {exec}", "Task-Launch_0",
                $", \"parsl_try_id\": \"0\", \"parsl_executor\": \"htex_Local\", \"parsl_executor_id\": \"{exec}\""));
            string Htex(string template, string thread, double mean) =>
                Line(Next(mean), "8315", thread, "parsl.executors.high_throughput.interchange", template, template.Replace("%s", exec.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal), $"\"htex_task_id\": \"{exec}\"");
            ix.WriteLine(Htex("HTEX task %s: putting onto pending_task_queue", "MainThread", 0.0001));
            ix.WriteLine(Htex("HTEX task %s: put onto pending_task_queue", "MainThread", 0.0001));
            manager.WriteLine(Htex("Putting HTEX task %s into scheduler", "Interchange-Communicator", 0.5));
            manager.WriteLine(Htex("HTEX task %s: sending to worker", "MainThread", 0.001));
            worker.WriteLine(Htex("HTEX task %s: received executor task", "MainThread", 0.01));
            worker.WriteLine(Htex("HTEX task %s: Completed task", "MainThread", 0.5));
            worker.WriteLine(Htex("HTEX task %s: about to put in result_queue", "MainThread", 0.0001));
            worker.WriteLine(Htex("HTEX task %s: All processing finished for task", "MainThread", 0.0001));
            manager.WriteLine(Htex("HTEX task %s: result received from worker", "MainThread", 0.001));
            manager.WriteLine(Htex("HTEX task %s: result sent to interchange", "MainThread", 0.001));
            ix.WriteLine(Htex("HTEX task %s: Manager %r: Removing task from manager", "MainThread", 0.001));
            ix.WriteLine(Htex("HTEX task %s: result forwarded to client", "MainThread", 0.0001));
            dfk.WriteLine(Task("Task %s: changing state from launched to exec_done", $"Task {task}: changing state from launched to exec_done", "HTEX-Result-Queue-Thread"));
            dfk.WriteLine(Task("Task %s: Standard out will not be redirected.", $"Task {task}: Standard out will not be redirected.", "HTEX-Result-Queue-Thread"));
            dfk.WriteLine(Task("Task %s: Standard error will not be redirected.", $"Task {task}: Standard error will not be redirected.", "HTEX-Result-Queue-Thread"));
        }
        return root;
    }

    private static StreamWriter Open(string path) => new(path, false, new UTF8Encoding(false), 1 << 20);

    private static string Line(double created, string process, string thread, string logger, string template, string formatted, string extra) =>
        $"{{\"created\": \"{created.ToString("R", CultureInfo.InvariantCulture)}\", \"process\": \"{process}\", \"processName\": \"MainProcess\", " +
        $"\"threadName\": \"{thread}\", \"name\": \"{logger}\", \"levelname\": \"DEBUG\", \"msg\": \"{template}\", \"formatted\": \"{formatted}\", {extra}}}";
}
