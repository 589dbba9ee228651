using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using WideEvents.Emit;
using WideEvents.Testing;

namespace WideEvents.EndToEnd.Tests;

/// <summary>The harness against a real TaskFarm interchange: no log file is read.</summary>
public sealed class RecordWatcherTests
{
    [Fact]
    public async Task A_test_waits_until_the_interchange_reports_every_submitted_task_queued()
    {
        const int tasks = 25;
        await using var watcher = RecordWatcher.Start();
        var options = new WideEventsOptions { Component = "interchange" };
        options.Handlers.Add(watcher.MetricsHandler());

        var socketPath = Path.Combine(Path.GetTempPath(), $"farm-{Guid.NewGuid():N}.sock");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true };
        start.ArgumentList.Add(Support.BuiltPrograms.TaskFarm);
        start.ArgumentList.Add("interchange");
        start.ArgumentList.Add("--socket");
        start.ArgumentList.Add(socketPath);
        WideEventsEnvironment.ApplyTo(start, options);
        using var interchange = Process.Start(start)!;
        try
        {
            // Act as the submitter, with no worker pools, so every task stays queued.
            using var submitter = await Support.UnixSockets.ConnectAsync(socketPath);
            var lines = new StringBuilder("{\"type\":\"hello\"}\n");
            for (var i = 0; i < tasks; i++)
            {
                lines.Append($"{{\"type\":\"submit\",\"task_id\":{i},\"try_id\":0,\"body\":{{\"app\":\"a\",\"sleep_ms\":0,\"spin_ms\":0,\"fail\":false}}}}\n");
            }

            await submitter.SendAsync(Encoding.UTF8.GetBytes(lines.ToString()), SocketFlags.None);

            var queued = await watcher.WaitFor("pending_task_queue_length", v => v >= tasks, TimeSpan.FromSeconds(30));

            Assert.Equal(tasks, queued);
            Assert.All(watcher.Records, r => Assert.True(r.TryGetProperty("metric", out _), "only metric records are sent to the watcher"));
            await submitter.SendAsync("{\"type\":\"shutdown\"}\n"u8.ToArray(), SocketFlags.None);
            await interchange.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
        }
        finally
        {
            if (!interchange.HasExited)
            {
                interchange.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task A_condition_that_never_holds_times_out_with_the_values_seen()
    {
        await using var watcher = RecordWatcher.Start();
        var error = await Assert.ThrowsAsync<TimeoutException>(() => watcher.WaitFor("queue", v => v > 1, TimeSpan.FromMilliseconds(200)));
        Assert.Contains("metric queue", error.Message);
    }
}
