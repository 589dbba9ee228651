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
    public static string DllPath
    {
        get
        {
            string here = Path.GetDirectoryName(typeof(ShipperProcess).Assembly.Location)!;
            string besideTests = Path.Combine(here, "wide-shipper.dll");
            return besideTests;
        }
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
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(DllPath);
        info.ArgumentList.Add(command);
        info.ArgumentList.Add("--config");
        info.ArgumentList.Add(configPath);
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

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
