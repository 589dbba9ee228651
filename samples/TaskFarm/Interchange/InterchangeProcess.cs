using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using WideEvents.Emit;
using WideEvents.TaskFarm.Hosting;
using WideEvents.TaskFarm.Protocol;

namespace WideEvents.TaskFarm.Interchange;

/// <summary>
/// The queue between the submitter and the worker pools. It knows tries only by its own
/// exec_task_id: each submitted message is decoded inside a span before its id exists, and
/// exactly one record (the tie) joins task_id/try_id to exec_task_id.
/// </summary>
internal sealed partial class InterchangeProcess
{
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly Queue<FarmMessage> _pending = new();
    private readonly Dictionary<long, (int TaskId, int TryId)> _tries = [];
    private readonly List<Manager> _managers = [];
    private readonly CancellationTokenSource _stop = new();
    private MessageConnection? _submitter;
    private int _expectedManagers;
    private bool _readySent;
    private long _nextExecTaskId;

    private InterchangeProcess(ILogger logger) => _logger = logger;

    public static async Task<int> RunAsync(Arguments args)
    {
        var socketPath = args.Required("socket");
        using var loggers = FarmLogging.Create(FarmLogging.FromEnvironment());
        var interchange = new InterchangeProcess(loggers.CreateLogger("TaskFarm.Interchange"));
        await interchange.ServeAsync(socketPath);
        return 0;
    }

    private async Task ServeAsync(string socketPath)
    {
        File.Delete(socketPath);
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(socketPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        listener.Listen(64);
        Log.Listening(_logger, socketPath);

        var connections = new List<Task>();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var socket = await listener.AcceptAsync(_stop.Token);
                connections.Add(Task.Run(() => HandleConnectionAsync(MessageConnection.Accepted(socket))));
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            File.Delete(socketPath);
        }

        await Task.WhenAll(connections).WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { });
        Log.Stopped(_logger, _nextExecTaskId);
    }

    private async Task HandleConnectionAsync(MessageConnection connection)
    {
        await using var _ = connection;
        var first = await connection.ReadAsync(_stop.Token);
        switch (first?.Type)
        {
            case MessageTypes.Hello:
                lock (_gate)
                {
                    _submitter = connection;
                    _expectedManagers = first.Workers ?? 0;
                }

                await SendReadyWhenManagersRegisteredAsync();
                await ServeSubmitterAsync(connection);
                break;
            case MessageTypes.Register:
                await ServeManagerAsync(connection, first);
                break;
            default:
                Log.UnknownPeer(_logger, first?.Type);
                break;
        }
    }

    private async Task ServeSubmitterAsync(MessageConnection connection)
    {
        while (await connection.ReadLineAsync(_stop.Token) is { } line)
        {
            if (!Accept(line))
            {
                break;
            }

            await DispatchAsync();
        }

        // The submitter is done (or gone): tell the pools, then stop.
        List<Manager> managers;
        lock (_gate)
        {
            managers = [.. _managers];
        }

        foreach (var manager in managers)
        {
            await manager.Connection.SendAsync(new FarmMessage { Type = MessageTypes.Shutdown }, CancellationToken.None).ContinueWith(_ => { });
        }

        await _stop.CancelAsync();
    }

    /// <summary>Decodes one submitted line; false on shutdown.</summary>
    private bool Accept(string line)
    {
        using var span = _logger.BeginSpan("decode task message");
        Log.Decoding(_logger, line.Length);
        var message = MessageConnection.Decode(line);
        if (message.Type == MessageTypes.Shutdown)
        {
            span.Tie("shutdown", true);
            return false;
        }

        long execTaskId;
        int queued;
        lock (_gate)
        {
            execTaskId = ++_nextExecTaskId;
            _tries[execTaskId] = (message.TaskId!.Value, message.TryId!.Value);
            _pending.Enqueue(message with { ExecTaskId = execTaskId });
            queued = _pending.Count;
        }

        span.Tie(
        [
            new("task_id", message.TaskId),
            new("try_id", message.TryId),
            new("exec_task_id", execTaskId),
        ]);
        Log.Queued(_logger, execTaskId, message.Body?.App);
        _logger.LogMetric("pending_task_queue_length", queued);
        return true;
    }

    private async Task ServeManagerAsync(MessageConnection connection, FarmMessage registration)
    {
        var manager = new Manager(registration.ManagerId ?? ObjectIdentity.NewId(), registration.Workers ?? 1, connection);
        var managerLogger = _logger.Bind("manager_id", manager.Id);
        lock (_gate)
        {
            _managers.Add(manager);
        }

        Log.Registered(managerLogger, manager.Id, manager.Slots);
        await SendReadyWhenManagersRegisteredAsync();
        await DispatchAsync();

        while (await connection.ReadAsync(_stop.Token) is { } message)
        {
            var execTaskId = message.ExecTaskId ?? 0;
            (int TaskId, int TryId) ids;
            lock (_gate)
            {
                ids = _tries.GetValueOrDefault(execTaskId);
                if (message.Type == MessageTypes.Result)
                {
                    _tries.Remove(execTaskId);
                    manager.Free++;
                }
            }

            if (message.Type == MessageTypes.Result)
            {
                Log.ResultReceived(managerLogger, execTaskId, message.Ok == true);
            }

            if (_submitter is { } submitter)
            {
                await submitter.SendAsync(message with { TaskId = ids.TaskId, TryId = ids.TryId }, CancellationToken.None);
            }

            await DispatchAsync();
        }

        lock (_gate)
        {
            _managers.Remove(manager);
        }

        Log.ManagerGone(managerLogger, manager.Id);
    }

    /// <summary>Tells the submitter, once, that the pools it started have all registered.</summary>
    private async Task SendReadyWhenManagersRegisteredAsync()
    {
        MessageConnection? submitter;
        lock (_gate)
        {
            submitter = _submitter;
            if (submitter is null || _readySent || _managers.Count < _expectedManagers)
            {
                return;
            }

            _readySent = true;
        }

        await submitter.SendAsync(new FarmMessage { Type = MessageTypes.Hello, Workers = _managers.Count }, CancellationToken.None);
    }

    private async Task DispatchAsync()
    {
        while (true)
        {
            FarmMessage? next;
            Manager? target;
            int queued;
            lock (_gate)
            {
                target = _managers.Where(m => m.Free > 0).MaxBy(m => m.Free);
                if (target is null || !_pending.TryDequeue(out next))
                {
                    return;
                }

                target.Free--;
                queued = _pending.Count;
            }

            Log.Dispatching(_logger, next.ExecTaskId!.Value, target.Id);
            _logger.LogMetric("pending_task_queue_length", queued);
            await target.Connection.SendAsync(
                new FarmMessage { Type = MessageTypes.Run, ExecTaskId = next.ExecTaskId, Body = next.Body },
                CancellationToken.None);
        }
    }

    private sealed class Manager(string id, int slots, MessageConnection connection)
    {
        public string Id { get; } = id;

        public int Slots { get; } = slots;

        public int Free { get; set; } = slots;

        public MessageConnection Connection { get; } = connection;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Interchange listening on {socket_path}")]
        public static partial void Listening(ILogger logger, string socket_path);

        [LoggerMessage(Level = LogLevel.Debug, Message = "Decoding task message of {message_bytes} bytes")]
        public static partial void Decoding(ILogger logger, int message_bytes);

        [LoggerMessage(Level = LogLevel.Information, Message = "Manager {manager_id} registered with {worker_count} workers")]
        public static partial void Registered(ILogger logger, string manager_id, int worker_count);

        [LoggerMessage(Level = LogLevel.Information, Message = "Dispatching task {exec_task_id} to manager {manager_id}")]
        public static partial void Dispatching(ILogger logger, long exec_task_id, string manager_id);

        [LoggerMessage(Level = LogLevel.Information, Message = "Queued task {exec_task_id} for app {app}")]
        public static partial void Queued(ILogger logger, long exec_task_id, string? app);

        [LoggerMessage(Level = LogLevel.Information, Message = "Result of task {exec_task_id} received, success {ok}")]
        public static partial void ResultReceived(ILogger logger, long exec_task_id, bool ok);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Manager {manager_id} disconnected")]
        public static partial void ManagerGone(ILogger logger, string manager_id);

        [LoggerMessage(Level = LogLevel.Warning, Message = "A peer opened with {message_type}, not hello or register")]
        public static partial void UnknownPeer(ILogger logger, string? message_type);

        [LoggerMessage(Level = LogLevel.Information, Message = "Interchange stopped after {exec_task_count} tasks")]
        public static partial void Stopped(ILogger logger, long exec_task_count);
    }
}
