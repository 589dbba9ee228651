using System.Diagnostics;
using System.Globalization;

namespace WideEvents.Cli.Demo;

/// <summary>A .NET program the demo starts, its standard error kept in a log file for when things go wrong.</summary>
internal sealed class ChildProgram : IDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private ChildProgram(Process process, StreamWriter log, string logPath)
    {
        _process = process;
        _log = log;
        LogPath = logPath;
    }

    public string LogPath { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static ChildProgram Start(string dll, IEnumerable<string> arguments, string logPath, string workingDirectory, Action<string>? onOutputLine = null) =>
        StartExecutable(DemoPrograms.DotnetHost(), [dll, .. arguments], logPath, workingDirectory, onOutputLine);

    /// <summary>Starts a native program (nats-server) rather than a .NET assembly.</summary>
    public static ChildProgram StartExecutable(string executable, IEnumerable<string> arguments, string logPath, string workingDirectory, Action<string>? onOutputLine = null)
    {
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new CommandException($"could not start {executable}");
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                onOutputLine?.Invoke(e.Data);
                Write(log, e.Data);
            }
        };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return new ChildProgram(process, log, logPath);
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>SIGTERM, and SIGKILL if it has not stopped within <paramref name="patience"/>.</summary>
    public async Task StopAsync(TimeSpan patience)
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(patience);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            if (log.BaseStream.CanWrite)
            {
                log.WriteLine(line);
            }
        }
    }
}
