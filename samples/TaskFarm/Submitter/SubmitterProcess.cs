using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using WideEvents.Emit;
using WideEvents.TaskFarm.Hosting;
using WideEvents.TaskFarm.Protocol;

namespace WideEvents.TaskFarm.Submitter;

/// <summary>
/// The submitter: builds the task graph, starts the interchange and the worker pools (handing
/// each its logging configuration through the environment), launches tasks as their
/// dependencies finish, retries failures, and stops everything at the end.
/// </summary>
internal sealed partial class SubmitterProcess
{
    private readonly RunSettings _settings;
    private readonly ILogger _logger;
    private readonly Dictionary<int, FarmTask> _tasks = [];
    private readonly Dictionary<FarmTask, ILogger> _taskLoggers = [];
    private readonly Random _random;
    private MessageConnection? _interchange;
    private int _launches;

    private SubmitterProcess(RunSettings settings, ILogger logger)
    {
        _settings = settings;
        _logger = logger;
        _random = new Random(settings.Seed);
    }

    public static async Task<int> RunAsync(Arguments args)
    {
        var settings = RunSettings.From(args);
        var runDirectory = Path.GetFullPath(settings.RunDirectory ?? NextRunDirectory());
        Directory.CreateDirectory(runDirectory);

        var logging = FarmLogging.FromEnvironment();
        if (logging.Handlers.Count == 0 && !settings.EventsOff)
        {
            // Started by hand with no WideEvents configuration: CLEF files in the run directory.
            logging.Handlers.Add(new HandlerOptions { Type = HandlerType.File, Directory = runDirectory });
        }

        logging.Component ??= "submitter";
        var runId = logging.Fields.GetValueOrDefault("run_id") ?? ObjectIdentity.NewId();
        logging.Fields["run_id"] = runId;

        var socketPath = Path.Combine(Path.GetTempPath(), $"taskfarm-{runId[..8]}-{Environment.ProcessId}.sock");
        var children = new List<Process>
        {
            ChildProcesses.Start("interchange", FarmLogging.ForChild(logging, "interchange", "interchange"), ["--socket", socketPath]),
        };
        for (var pool = 0; pool < settings.Pools; pool++)
        {
            children.Add(ChildProcesses.Start(
                "pool",
                FarmLogging.ForChild(logging, "worker_pool", $"pool-{pool}"),
                ["--socket", socketPath, "--workers", settings.WorkersPerPool.ToString(CultureInfo.InvariantCulture)]));
        }

        var clock = Stopwatch.StartNew();
        Summary summary;
        using (var loggers = FarmLogging.Create(logging))
        {
            var submitter = new SubmitterProcess(settings, loggers.CreateLogger("TaskFarm.Submitter"));
            try
            {
                summary = await submitter.RunWorkflowAsync(runId, socketPath);
            }
            finally
            {
                await StopAsync(children);
            }
        }

        var result = summary with { Seconds = clock.Elapsed.TotalSeconds, RunDirectory = runDirectory, RunId = runId };
        Console.WriteLine(JsonSerializer.Serialize(result, SummaryJsonContext.Default.Summary));
        return 0;
    }

    private async Task<Summary> RunWorkflowAsync(string runId, string socketPath)
    {
        BuildGraph(runId);
        Log.Starting(_logger, _tasks.Count, _settings.Shape, _settings.Pools, _settings.WorkersPerPool);

        await using var interchange = await MessageConnection.ConnectAsync(socketPath, CancellationToken.None);
        _interchange = interchange;
        await interchange.SendAsync(new FarmMessage { Type = MessageTypes.Hello, Workers = _settings.Pools }, CancellationToken.None);
        if (await interchange.ReadAsync(CancellationToken.None) is not { Type: MessageTypes.Hello })
        {
            throw new InvalidOperationException("the interchange closed before the worker pools registered");
        }

        // Timed from here, so process start-up does not count as task throughput.
        var clock = Stopwatch.StartNew();

        foreach (var task in _tasks.Values.Where(t => t.Dependencies.Count == 0).ToList())
        {
            await LaunchAsync(task);
        }

        var unfinished = _tasks.Count;
        while (unfinished > 0 && await interchange.ReadAsync(CancellationToken.None) is { } message)
        {
            var task = _tasks[message.TaskId!.Value];
            if (message.TryId != task.TryId)
            {
                continue;
            }

            if (message.Type == MessageTypes.Running)
            {
                ChangeState(task, TaskStates.Running);
            }
            else if (message.Type == MessageTypes.Result)
            {
                unfinished -= await FinishTryAsync(task, message.Ok == true);
            }
        }

        if (unfinished > 0)
        {
            throw new InvalidOperationException($"the interchange went away with {unfinished} tasks unfinished");
        }

        await interchange.SendAsync(new FarmMessage { Type = MessageTypes.Shutdown }, CancellationToken.None);
        var counts = _tasks.Values.GroupBy(t => t.State).ToDictionary(g => g.Key, g => g.Count());
        Log.Finished(_logger, counts.GetValueOrDefault(TaskStates.ExecDone), counts.GetValueOrDefault(TaskStates.Failed), counts.GetValueOrDefault(TaskStates.DepFail));
        return new Summary(
            _tasks.Count,
            counts.GetValueOrDefault(TaskStates.ExecDone),
            counts.GetValueOrDefault(TaskStates.Failed),
            counts.GetValueOrDefault(TaskStates.DepFail),
            _launches)
        {
            WorkflowSeconds = clock.Elapsed.TotalSeconds,
        };
    }

    /// <summary>Handles a try's result; returns how many tasks reached a final state.</summary>
    private async Task<int> FinishTryAsync(FarmTask task, bool ok)
    {
        if (ok)
        {
            ChangeState(task, TaskStates.ExecDone);
            var finished = 1;
            foreach (var dependent in task.Dependents.Where(d => d.Dependencies.All(x => x.State == TaskStates.ExecDone)))
            {
                await LaunchAsync(dependent);
            }

            return finished;
        }

        if (task.TryId < _settings.Retries)
        {
            // As Parsl does: a failure that will be retried is fail_retryable, not failed.
            ChangeState(task, TaskStates.FailRetryable);
            task.TryId++;
            Log.Retrying(TaskLogger(task), task.TaskId, task.TryId);
            ChangeState(task, TaskStates.Pending);
            await LaunchAsync(task);
            return 0;
        }

        ChangeState(task, TaskStates.Failed);
        return 1 + FailDependents(task);
    }

    private int FailDependents(FarmTask task)
    {
        var failed = 0;
        foreach (var dependent in task.Dependents.Where(d => !d.IsFinal))
        {
            ChangeState(dependent, TaskStates.DepFail);
            failed += 1 + FailDependents(dependent);
        }

        return failed;
    }

    private async Task LaunchAsync(FarmTask task)
    {
        var body = new TaskBody(task.App, _settings.SleepMs, _settings.SpinMs, _random.NextDouble() < _settings.FailRate);
        await _interchange!.SendAsync(
            new FarmMessage { Type = MessageTypes.Submit, TaskId = task.TaskId, TryId = task.TryId, Body = body },
            CancellationToken.None);
        _launches++;
        ChangeState(task, TaskStates.Launched);
    }

    private void ChangeState(FarmTask task, string to)
    {
        var from = task.State;
        task.State = to;
        var logger = TaskLogger(task);
        switch (to)
        {
            case TaskStates.Pending: Log.ToPending(logger, task.TaskId, task.TryId, from, to); break;
            case TaskStates.Launched: Log.ToLaunched(logger, task.TaskId, task.TryId, from, to); break;
            case TaskStates.Running: Log.ToRunning(logger, task.TaskId, task.TryId, from, to); break;
            case TaskStates.ExecDone: Log.ToExecDone(logger, task.TaskId, task.TryId, from, to); break;
            case TaskStates.FailRetryable: Log.ToFailRetryable(logger, task.TaskId, task.TryId, from, to); break;
            case TaskStates.Failed: Log.ToFailed(logger, task.TaskId, task.TryId, from, to); break;
            default: Log.ToDepFail(logger, task.TaskId, task.TryId, from, to); break;
        }
    }

    private ILogger TaskLogger(FarmTask task)
    {
        if (!_taskLoggers.TryGetValue(task, out var logger))
        {
            logger = _logger.Bind(task);
            _taskLoggers[task] = logger;
        }

        return logger;
    }

    private void BuildGraph(string runId)
    {
        for (var id = 0; id < _settings.Tasks; id++)
        {
            var dependencies = new List<FarmTask>();
            var app = "compute";
            if (_settings.Shape == "diamond")
            {
                // a -> (b, c) -> d, repeated: id % 4 is the role in the diamond.
                var top = id - id % 4;
                (app, var depends) = (id % 4) switch
                {
                    0 => ("split", Array.Empty<int>()),
                    1 or 2 => ("compute", [top]),
                    _ => ("merge", new[] { top + 1, top + 2 }),
                };
                dependencies.AddRange(depends.Where(_tasks.ContainsKey).Select(d => _tasks[d]));
            }

            var task = new FarmTask(runId, id, app, dependencies);
            foreach (var dependency in dependencies)
            {
                dependency.Dependents.Add(task);
            }

            _tasks[id] = task;
        }
    }

    private static async Task StopAsync(List<Process> children)
    {
        foreach (var child in children)
        {
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await child.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                child.Kill(entireProcessTree: true);
            }

            child.Dispose();
        }
    }

    private static string NextRunDirectory()
    {
        var root = Path.GetFullPath("runinfo");
        Directory.CreateDirectory(root);
        var next = Directory.GetDirectories(root)
            .Select(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n + 1 : 0)
            .DefaultIfEmpty(0)
            .Max();
        return Path.Combine(root, next.ToString("000", CultureInfo.InvariantCulture));
    }

    // to_state is a field of every state record, named in the template's text rather than as a hole.
#pragma warning disable SYSLIB1015
    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Submitting {task_count} tasks ({shape}) to {pool_count} pools of {workers_per_pool} workers")]
        public static partial void Starting(ILogger logger, int task_count, string shape, int pool_count, int workers_per_pool);

        // One template per target state, as Parsl writes them, so the common path names each
        // transition; from_state and to_state are fields as well, for the state report.
        [LoggerMessage(Level = LogLevel.Information, Message = "Task {task_id} try {try_id}: changing state from {from_state} to pending")]
        public static partial void ToPending(ILogger logger, int task_id, int try_id, string from_state, string to_state);

        [LoggerMessage(Level = LogLevel.Information, Message = "Task {task_id} try {try_id}: changing state from {from_state} to launched")]
        public static partial void ToLaunched(ILogger logger, int task_id, int try_id, string from_state, string to_state);

        [LoggerMessage(Level = LogLevel.Information, Message = "Task {task_id} try {try_id}: changing state from {from_state} to running")]
        public static partial void ToRunning(ILogger logger, int task_id, int try_id, string from_state, string to_state);

        [LoggerMessage(Level = LogLevel.Information, Message = "Task {task_id} try {try_id}: changing state from {from_state} to exec_done")]
        public static partial void ToExecDone(ILogger logger, int task_id, int try_id, string from_state, string to_state);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Task {task_id} try {try_id}: changing state from {from_state} to fail_retryable")]
        public static partial void ToFailRetryable(ILogger logger, int task_id, int try_id, string from_state, string to_state);

        [LoggerMessage(Level = LogLevel.Error, Message = "Task {task_id} try {try_id}: changing state from {from_state} to failed")]
        public static partial void ToFailed(ILogger logger, int task_id, int try_id, string from_state, string to_state);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Task {task_id} try {try_id}: changing state from {from_state} to dep_fail")]
        public static partial void ToDepFail(ILogger logger, int task_id, int try_id, string from_state, string to_state);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Task {task_id} failed; retrying as try {next_try_id}")]
        public static partial void Retrying(ILogger logger, int task_id, int next_try_id);

        [LoggerMessage(Level = LogLevel.Information, Message = "Workflow finished: {exec_done} done, {failed} failed, {dep_fail} failed on dependencies")]
        public static partial void Finished(ILogger logger, int exec_done, int failed, int dep_fail);
    }
}
