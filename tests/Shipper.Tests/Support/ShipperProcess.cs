using System.Diagnostics;
using System.Text;

namespace WideEvents.Shipper.Tests.Support;

/// <summary>A real wide-shipper child process (<c>dotnet wide-shipper.dll run --config FILE</c>).</summary>
internal sealed class ShipperProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private ShipperProcess(Process process)
    {
        _process = process;
    }

    /// <summary>The wide-shipper.dll built beside this test assembly (the project reference builds it).</summary>
    private static string DllPath => Path.Combine(Path.GetDirectoryName(typeof(ShipperProcess).Assembly.Location)!, "wide-shipper.dll");

    /// <summary>
    /// How to start the shipper with <paramref name="arguments"/>: <c>dotnet wide-shipper.dll</c>, or
    /// the executable named by <c>WIDE_SHIPPER_EXE</c> (the Native AOT build, to run the same tests
    /// against it: docs/shipper.md).
    /// </summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        string? native = Environment.GetEnvironmentVariable("WIDE_SHIPPER_EXE");
        var info = new ProcessStartInfo(string.IsNullOrEmpty(native) ? "dotnet" : native)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (string.IsNullOrEmpty(native))
        {
            info.ArgumentList.Add(DllPath);
        }

        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public static ShipperProcess Start(string configPath, params string[] arguments) => Run("run", configPath, arguments);

    public static ShipperProcess Run(string command, string configPath, params string[] arguments)
    {
        var info = StartInfo([command, "--config", configPath, .. arguments]);
        var process = new Process { StartInfo = info };
        var shipper = new ShipperProcess(process);
        process.ErrorDataReceived += (_, e) => shipper.Append(e.Data);
        process.OutputDataReceived += (_, e) => shipper.Append(e.Data);
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return shipper;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a crash.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
