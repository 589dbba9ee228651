using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using WideEvents.Emit;
using WideEvents.TaskFarm.Hosting;
using WideEvents.TaskFarm.Protocol;

namespace WideEvents.TaskFarm.Pool;

/// <summary>
/// A worker pool: a manager (identified by a UUID, since pool numbers are reused across runs)
/// with a fixed number of workers, each running one task body at a time.
/// </summary>
internal sealed partial class WorkerPoolProcess
{
    private readonly ILogger _logger;
    private readonly string _managerId = ObjectIdentity.NewId();
    private readonly Channel<FarmMessage> _work = Channel.CreateUnbounded<FarmMessage>();

    private WorkerPoolProcess(ILogger logger) => _logger = logger.Bind("manager_id", _managerId);

    public static async Task<int> RunAsync(Arguments args)
    {
        var socketPath = args.Required("socket");
        var workers = args.Int("workers", 2);
        using var loggers = FarmLogging.Create(FarmLogging.FromEnvironment());
        var pool = new WorkerPoolProcess(loggers.CreateLogger("TaskFarm.Pool"));
        await pool.RunAsync(socketPath, workers);
        return 0;
    }

    private async Task RunAsync(string socketPath, int workers)
    {
        await using var connection = await MessageConnection.ConnectAsync(socketPath, CancellationToken.None);
        await connection.SendAsync(new FarmMessage { Type = MessageTypes.Register, ManagerId = _managerId, Workers = workers }, CancellationToken.None);
        Log.Registered(_logger, workers);

        var workerTasks = Enumerable.Range(0, workers).Select(id => Task.Run(() => WorkAsync(id, connection))).ToArray();
        while (await connection.ReadAsync(CancellationToken.None) is { } message && message.Type != MessageTypes.Shutdown)
        {
            if (message.Type == MessageTypes.Run)
            {
                await _work.Writer.WriteAsync(message);
            }
        }

        _work.Writer.Complete();
        await Task.WhenAll(workerTasks);
        Log.Stopped(_logger);
    }

    private async Task WorkAsync(int workerId, MessageConnection connection)
    {
        var workerLogger = _logger.Bind("worker_id", workerId);
        await foreach (var message in _work.Reader.ReadAllAsync())
        {
            var execTaskId = message.ExecTaskId!.Value;
            var taskLogger = workerLogger.Bind("exec_task_id", execTaskId);
            await connection.SendAsync(new FarmMessage { Type = MessageTypes.Running, ExecTaskId = execTaskId, WorkerId = workerId }, CancellationToken.None);
            string? error = null;
            try
            {
                await taskLogger.InSpanAsync("execute task", () => ExecuteAsync(taskLogger, message.Body!));
            }
            catch (TaskBodyFailedException ex)
            {
                error = ex.Message;
            }

            await connection.SendAsync(
                new FarmMessage { Type = MessageTypes.Result, ExecTaskId = execTaskId, WorkerId = workerId, Ok = error is null, Error = error },
                CancellationToken.None);
        }
    }

    private static async Task ExecuteAsync(ILogger logger, TaskBody body)
    {
        Log.Executing(logger, body.App, body.SleepMs, body.SpinMs);
        if (body.SleepMs > 0)
        {
            await Task.Delay(body.SleepMs);
        }

        if (body.SpinMs > 0)
        {
            var until = Stopwatch.GetTimestamp() + (long)(body.SpinMs / 1000.0 * Stopwatch.Frequency);
            while (Stopwatch.GetTimestamp() < until)
            {
                Thread.SpinWait(64);
            }
        }

        if (body.Fail)
        {
            Log.Failing(logger, body.App);
            throw new TaskBodyFailedException($"app {body.App} failed as asked");
        }
    }

    private sealed class TaskBodyFailedException(string message) : Exception(message);

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Manager registering with {worker_count} workers")]
        public static partial void Registered(ILogger logger, int worker_count);

        [LoggerMessage(Level = LogLevel.Debug, Message = "Executing app {app}: sleep {sleep_ms} ms, spin {spin_ms} ms")]
        public static partial void Executing(ILogger logger, string app, int sleep_ms, int spin_ms);

        [LoggerMessage(Level = LogLevel.Warning, Message = "App {app} is failing")]
        public static partial void Failing(ILogger logger, string app);

        [LoggerMessage(Level = LogLevel.Information, Message = "Manager stopping")]
        public static partial void Stopped(ILogger logger);
    }
}
