using System.Diagnostics;
using WideEvents.Emit.Tests.Support;

namespace WideEvents.Emit.Tests.Configuration;

/// <summary>
/// The README's quick start with a socket handler and nothing listening: the process must end
/// within the default shutdown timeout (1 s), not hold on for 10 s as it once did.
/// </summary>
public sealed class NoListenerExitTests
{
    [Fact]
    public async Task A_sample_whose_socket_has_no_listener_exits_within_about_the_default_shutdown_timeout()
    {
        using var directory = new TempDirectory();
        Assert.Equal(1_000, new HandlerOptions().ShutdownTimeoutMilliseconds);

        var toFile = new WideEventsOptions { Component = "baseline" };
        toFile.Handlers.Add(new HandlerOptions { Type = HandlerType.File, Directory = directory.Path });
        var toNobody = new WideEventsOptions { Component = "unheard" };
        toNobody.Handlers.Add(new HandlerOptions { Type = HandlerType.UnixSocket, Path = directory.File("nobody.sock") });

        // A warm-up run first, so that the comparison is not of a cold start with a warm one.
        await RunQuickStartAsync(directory.Path, toFile);
        TimeSpan baseline = await RunQuickStartAsync(directory.Path, toFile);
        TimeSpan unheard = await RunQuickStartAsync(directory.Path, toNobody);

        // The budget is 1 s; the margin is for a loaded machine, far below the 10 s this once took.
        Assert.True(unheard - baseline < TimeSpan.FromSeconds(2.5), $"with no listener {unheard.TotalSeconds:F2} s, writing a file {baseline.TotalSeconds:F2} s");
    }

    private static async Task<TimeSpan> RunQuickStartAsync(string directory, WideEventsOptions options)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "WideEvents.QuickStart.dll"));
        start.ArgumentList.Add("1");
        WideEventsEnvironment.ApplyTo(start, options);

        var clock = Stopwatch.StartNew();
        using var child = Process.Start(start)!;
        var stdout = child.StandardOutput.ReadToEndAsync();
        var stderr = child.StandardError.ReadToEndAsync();
        await child.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        clock.Stop();
        await stdout;
        Assert.True(child.ExitCode == 0, await stderr);
        return clock.Elapsed;
    }
}
