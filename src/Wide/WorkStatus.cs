using Spectre.Console;
using WideEvents.Analyze.Loaders;

namespace WideEvents.Cli;

/// <summary>
/// Progress on stderr while a command works, when stderr is a terminal: a bar while loading takes
/// over a second, then, after the notes about what was loaded, a spinner until the command's work is
/// done, which is when it first writes (<see cref="StatusStoppingWriter"/> stops the spinner
/// before any output) or ends. Without a terminal (pipes, files, tests in-process) it shows nothing.
/// </summary>
internal sealed class WorkStatus : IDisposable
{
    private static readonly AsyncLocal<WorkStatus?> CurrentStatus = new();
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);

    private readonly IAnsiConsole? _console;
    private readonly Lock _lock = new();
    private bool _slow;
    private ManualResetEventSlim? _done;
    private Task? _display;

    /// <summary>A status drawn on <paramref name="console"/>; none when it is null.</summary>
    public WorkStatus(IAnsiConsole? console) => _console = console;

    /// <summary>The status of the command running in this flow, if any.</summary>
    public static WorkStatus? Current
    {
        get => CurrentStatus.Value;
        set => CurrentStatus.Value = value;
    }

    /// <summary>Whether the spinner is on the screen.</summary>
    public bool IsShowing
    {
        get
        {
            lock (_lock)
            {
                return _display is { IsCompleted: false };
            }
        }
    }

    /// <summary>A console on stderr when it is the process's terminal; null otherwise.</summary>
    public static IAnsiConsole? TerminalConsole(TextWriter error) =>
        ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected
            ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) })
            : null;

    /// <summary>Runs <paramref name="load"/>, with a bar when it takes over a second and <paramref name="show"/> is true.</summary>
    public LoadResult Load(Func<IProgress<LoadProgress>, LoadResult> load, bool show)
    {
        var latest = new LatestProgress();
        var task = Task.Run(() => load(latest));
        if (task.Wait(Delay) || _console is null || !show)
        {
            return task.GetAwaiter().GetResult();
        }
        _slow = true;
        _console.Progress().AutoClear(true).Start(ctx =>
        {
            var bar = ctx.AddTask("loading");
            while (!task.Wait(100))
            {
                var p = latest.Value;
                if (p is not null)
                {
                    bar.MaxValue = Math.Max(1, p.BytesTotal);
                    bar.Value = p.BytesDone;
                    bar.Description = $"loading {p.FilesDone}/{p.FilesTotal} files";
                }
            }
            bar.Value = bar.MaxValue;
        });
        return task.GetAwaiter().GetResult();
    }

    /// <summary>
    /// After a slow load, shows <paramref name="what"/> with a spinner until <see cref="Stop"/>: the
    /// analysis of a large input takes seconds more, and a screen that went quiet looks hung.
    /// </summary>
    public void Analysing(string what)
    {
        if (_console is null || !_slow)
        {
            return;
        }
        lock (_lock)
        {
            if (_display is { IsCompleted: false })
            {
                return;
            }
            var done = _done = new ManualResetEventSlim();
            var started = new ManualResetEventSlim();
            _display = Task.Run(() => _console.Status().Start(what, _ =>
            {
                started.Set();
                done.Wait();
            }));
            // Started before anything can stop it, so Stop always clears a drawn spinner.
            started.Wait(TimeSpan.FromSeconds(5));
        }
    }

    /// <summary>Takes the spinner off the screen (waiting until it is) before output is written; again harmless.</summary>
    public void Stop()
    {
        Task? display;
        lock (_lock)
        {
            _done?.Set();
            display = _display;
        }
        display?.Wait();
    }

    public void Dispose()
    {
        Stop();
        _done?.Dispose();
    }

    private sealed class LatestProgress : IProgress<LoadProgress>
    {
        private LoadProgress? _value;

        public LoadProgress? Value => Volatile.Read(ref _value);

        public void Report(LoadProgress value) => Volatile.Write(ref _value, value);
    }
}
