using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace WideEvents.EndToEnd.Tests.Support;

/// <summary>A real wide-shipper process, started from the build output beside the tests.</summary>
public sealed class ShipperProcess : IDisposable
{
    private readonly Process _process;

    private ShipperProcess(Process process) => _process = process;

    public static ShipperProcess Start(string configPath, params string[] overrides)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(BuiltPrograms.Shipper);
        start.ArgumentList.Add("run");
        start.ArgumentList.Add("--config");
        start.ArgumentList.Add(configPath);
        foreach (var item in overrides)
        {
            start.ArgumentList.Add(item);
        }

        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return new ShipperProcess(process);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task WaitForPortAsync(int port, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    public void Kill() => _process.Kill(entireProcessTree: true);

    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM: a clean stop.
            Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
