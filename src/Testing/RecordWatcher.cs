using System.Net.Sockets;
using System.Text.Json;
using WideEvents.Emit;

namespace WideEvents.Testing;

/// <summary>
/// Listens on a unix socket for the records of a process under test, so a test can wait for
/// what the process reports (a queue length, a state) instead of parsing its log files:
/// <code>
/// await using var watcher = RecordWatcher.Start();
/// options.Handlers.Add(watcher.MetricsHandler());   // then start the process with these options
/// await watcher.WaitFor("pending_task_queue_length", v => v >= 10, TimeSpan.FromSeconds(30));
/// </code>
/// </summary>
public sealed class RecordWatcher : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<JsonElement> _records = [];
    private readonly List<Task> _readers = [];
    private readonly Task _accepting;
    private readonly string _directory;
    private TaskCompletionSource _changed = NewSignal();

    private RecordWatcher(string directory)
    {
        _directory = directory;
        SocketPath = Path.Combine(directory, "records.sock");
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(SocketPath));
        _listener.Listen(16);
        _accepting = AcceptAsync();
    }

    /// <summary>The socket path processes under test connect to.</summary>
    public string SocketPath { get; }

    /// <summary>Every record received so far, in arrival order.</summary>
    public IReadOnlyList<JsonElement> Records
    {
        get
        {
            lock (_records)
            {
                return [.. _records];
            }
        }
    }

    /// <summary>Starts listening on a new socket in an owner-only temporary directory.</summary>
    public static RecordWatcher Start()
    {
        var directory = Directory.CreateTempSubdirectory("wide-watch-").FullName;
        return new RecordWatcher(directory);
    }

    /// <summary>A unix-socket handler sending this watcher only the records that carry <paramref name="requireKey"/>.</summary>
    public HandlerOptions MetricsHandler(string requireKey = RecordFields.Metric) => new()
    {
        Type = HandlerType.UnixSocket,
        Name = "watcher",
        Path = SocketPath,
        RequireKey = requireKey,
        FullMode = QueueFullMode.Block,
    };

    /// <summary>Waits until a record of metric <paramref name="metric"/> has a value that satisfies <paramref name="condition"/>; returns that value.</summary>
    /// <exception cref="TimeoutException">No such record arrived within <paramref name="timeout"/>; the message lists the last values seen.</exception>
    public async Task<double> WaitFor(string metric, Func<double, bool> condition, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var record = await WaitFor(
            r => r.TryGetProperty(RecordFields.Metric, out var m) && m.ValueEquals(metric)
                 && r.TryGetProperty(RecordFields.Value, out var v) && v.ValueKind == JsonValueKind.Number && condition(v.GetDouble()),
            timeout,
            cancellationToken,
            () => $"metric {metric}: last values " + string.Join(", ", LastValues(metric, 5)));
        return record.GetProperty(RecordFields.Value).GetDouble();
    }

    /// <summary>Waits until some record satisfies <paramref name="predicate"/> (records already received count); returns it.</summary>
    public Task<JsonElement> WaitFor(Func<JsonElement, bool> predicate, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        WaitFor(predicate, timeout, cancellationToken, () => $"{Records.Count} records received");

    private async Task<JsonElement> WaitFor(Func<JsonElement, bool> predicate, TimeSpan timeout, CancellationToken cancellationToken, Func<string> describe)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var checkedCount = 0;
        while (true)
        {
            Task changed;
            lock (_records)
            {
                for (; checkedCount < _records.Count; checkedCount++)
                {
                    if (predicate(_records[checkedCount]))
                    {
                        return _records[checkedCount];
                    }
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"no matching record within {timeout.TotalSeconds:0.#} s ({describe()})");
            }
        }
    }

    private IEnumerable<double> LastValues(string metric, int count) =>
        Records.Where(r => r.TryGetProperty(RecordFields.Metric, out var m) && m.ValueEquals(metric) && r.TryGetProperty(RecordFields.Value, out var v) && v.ValueKind == JsonValueKind.Number)
            .Select(r => r.GetProperty(RecordFields.Value).GetDouble())
            .TakeLast(count);

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var socket = await _listener.AcceptAsync(_stop.Token);
                lock (_readers)
                {
                    _readers.Add(ReadAsync(socket));
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task ReadAsync(Socket socket)
    {
        using var stream = new NetworkStream(socket, ownsSocket: true);
        using var reader = new StreamReader(stream);
        try
        {
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (line.Length == 0)
                {
                    continue;
                }

                JsonElement record;
                try
                {
                    using var document = JsonDocument.Parse(line);
                    record = document.RootElement.Clone();
                }
                catch (JsonException)
                {
                    continue;
                }

                TaskCompletionSource changed;
                lock (_records)
                {
                    _records.Add(record);
                    changed = _changed;
                    _changed = NewSignal();
                }

                changed.TrySetResult();
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException)
        {
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Stops listening and removes the socket.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await _accepting;
        Task[] readers;
        lock (_readers)
        {
            readers = [.. _readers];
        }

        await Task.WhenAll(readers);
        _stop.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
