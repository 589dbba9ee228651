using System.Diagnostics;
using System.Net.Sockets;
using WideEvents.Cli;
using WideEvents.Emit;

namespace WideEvents.EndToEnd.Tests;

/// <summary>Two live interchanges with fast heartbeats: one shut down, one SIGKILLed; <c>wide heartbeats</c> tells them apart.</summary>
public sealed class HeartbeatsTests
{
    [Fact]
    public async Task Wide_heartbeats_finds_the_process_that_was_killed_and_the_one_that_stopped()
    {
        var directory = Directory.CreateTempSubdirectory("we-heartbeats-").FullName;
        var (stopped, stoppedSocket) = StartInterchange(directory, "stopped");
        var (killed, _) = StartInterchange(directory, "killed");
        try
        {
            using var submitter = await Support.UnixSockets.ConnectAsync(stoppedSocket);
            await submitter.SendAsync("{\"type\":\"hello\"}\n"u8.ToArray(), SocketFlags.None);
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            killed.Kill();
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            await submitter.SendAsync("{\"type\":\"shutdown\"}\n"u8.ToArray(), SocketFlags.None);
            await stopped.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));

            using var output = new StringWriter();
            using var errors = new StringWriter();
            var code = WideCli.Run(["heartbeats", directory, "--no-rules", "--csv"], output, errors);

            var rows = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(code == ExitCodes.ProcessSilent, output + errors.ToString());
            Assert.Contains(rows, r => r.StartsWith($"stopped pid {stopped.Id}@", StringComparison.Ordinal) && r.Contains(",stopped,", StringComparison.Ordinal));
            Assert.Contains(rows, r => r.StartsWith($"killed pid {killed.Id}@", StringComparison.Ordinal) && r.Contains(",died or hung,", StringComparison.Ordinal));
        }
        finally
        {
            foreach (var process in new[] { stopped, killed })
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }

                process.Dispose();
            }

            Directory.Delete(directory, recursive: true);
        }
    }

    private static (Process Process, string Socket) StartInterchange(string directory, string component)
    {
        var options = new WideEventsOptions { Component = component };
        options.Handlers.Add(new HandlerOptions { Type = HandlerType.File, Directory = directory, HeartbeatSeconds = 0.2 });
        var socket = Path.Combine(directory, component + ".sock");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true };
        start.ArgumentList.Add(Support.BuiltPrograms.TaskFarm);
        start.ArgumentList.Add("interchange");
        start.ArgumentList.Add("--socket");
        start.ArgumentList.Add(socket);
        WideEventsEnvironment.ApplyTo(start, options);
        return (Process.Start(start)!, socket);
    }
}
