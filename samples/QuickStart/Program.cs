// A small worker instrumented with WideEvents: object-bound loggers, lexical spans and metrics.
//
// Run it with no WideEvents configuration and it writes a CLEF file under ./out/quickstart and
// shows where the records went. Started by a parent that rendered its configuration into the
// environment (WideEventsEnvironment), it writes wherever the parent said.
using Microsoft.Extensions.Logging;
using WideEvents.Emit;
using WideEvents.QuickStart;

var configuredByParent = Environment.GetEnvironmentVariables().Keys.Cast<string>()
    .Any(k => k.StartsWith("WideEvents__", StringComparison.OrdinalIgnoreCase));
var outputDirectory = Path.GetFullPath(Path.Combine("out", "quickstart"));
var taskCount = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 5;

// --exit-without-dispose leaves the logger factory to the process-exit hook, to show (and test)
// that WideEvents flushes what is queued when a process ends without disposing it.
var exitWithoutDispose = args.Contains("--exit-without-dispose");

var factory = LoggerFactory.Create(logging =>
{
    logging.SetMinimumLevel(LogLevel.Trace);
    logging.AddWideEvents(options =>
    {
        if (!configuredByParent)
        {
            options.Component = "quickstart";
            options.Handlers.Add(new HandlerOptions { Type = HandlerType.File, Directory = outputDirectory });
        }
    });
});
try
{
    var logger = factory.CreateLogger("QuickStart.Worker");
    var runId = ObjectIdentity.NewId();
    logger.LogInformation("Worker starting run {run_id} with {task_count} tasks", runId, taskCount);

    var queued = taskCount;
    for (var i = 1; i <= taskCount; i++)
    {
        var task = new SimulatedTask(runId, i);
        var taskLogger = logger.Bind(task);
        taskLogger.LogInformation("Task {task_id} changing state from {from} to {to}", task.TaskId, "pending", "running");
        using (taskLogger.BeginSpan("execute"))
        {
            using (taskLogger.BeginSpan("gather dependencies"))
            {
                await Task.Delay(5);
            }

            var tryLogger = taskLogger.Bind("try_id", 0);
            tryLogger.LogDebug("Running body of task {task_id}", task.TaskId);
            await Task.Delay(10);
        }

        taskLogger.LogInformation("Task {task_id} changing state from {from} to {to}", task.TaskId, "running", "exec_done");
        logger.LogMetric("pending_task_queue_length", --queued);
    }

    logger.LogInformation("Worker finished");
}
finally
{
    if (!exitWithoutDispose)
    {
        factory.Dispose();
    }
}

if (exitWithoutDispose)
{
    return;
}

if (!configuredByParent)
{
    var files = Directory.GetFiles(outputDirectory, "quickstart.*.jsonl").OrderBy(File.GetLastWriteTimeUtc).ToArray();
    var latest = files[^1];
    var lines = File.ReadAllLines(latest);
    Console.WriteLine($"Wrote {lines.Length} wide records (CLEF JSON lines) to {latest}");
    Console.WriteLine("The first records:");
    foreach (var line in lines.Take(6))
    {
        Console.WriteLine("  " + line);
    }
}
