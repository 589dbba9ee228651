using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using WideEvents.Emit;
using WideEvents.Testing;

namespace WideEvents.EndToEnd.Tests;

/// <summary>A process's Recent handler asked what it did, over its socket, with no file read.</summary>
public sealed class RecentRecordsTests
{
    [Fact]
    public async Task A_test_asks_a_live_interchange_for_the_records_of_one_task_including_debug_ones_no_file_holds()
    {
        var directory = Directory.CreateTempSubdirectory("we-recent-").FullName;
        var options = new WideEventsOptions { Component = "interchange" };
        options.Handlers.Add(new HandlerOptions { Type = HandlerType.File, Directory = directory, MinimumLevel = LogLevel.Information });
        options.Handlers.Add(RecentRecords.Handler(Path.Combine(directory, "{component}.{pid}.sock")));

        var farmSocket = Path.Combine(directory, "farm.sock");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true };
        start.ArgumentList.Add(Support.BuiltPrograms.TaskFarm);
        start.ArgumentList.Add("interchange");
        start.ArgumentList.Add("--socket");
        start.ArgumentList.Add(farmSocket);
        WideEventsEnvironment.ApplyTo(start, options);
        using var interchange = Process.Start(start)!;
        try
        {
            using var submitter = await Support.UnixSockets.ConnectAsync(farmSocket);
            var lines = new StringBuilder("{\"type\":\"hello\"}\n");
            for (var i = 0; i < 10; i++)
            {
                lines.Append($"{{\"type\":\"submit\",\"task_id\":{i},\"try_id\":0,\"body\":{{\"app\":\"a\",\"sleep_ms\":0,\"spin_ms\":0,\"fail\":false}}}}\n");
            }

            await submitter.SendAsync(Encoding.UTF8.GetBytes(lines.ToString()), SocketFlags.None);
            var recent = Path.Combine(directory, $"interchange.{interchange.Id}.sock");

            // The interchange decodes each message in a span and ties it to the task: the tie names task_id.
            IReadOnlyList<JsonElement> tied = [];
            for (var attempt = 0; attempt < 300 && tied.Count == 0; attempt++)
            {
                await Task.Delay(100);
                tied = File.Exists(recent) ? await RecentRecords.QueryAsync(recent, where: new Dictionary<string, string> { ["task_id"] = "7" }) : [];
            }

            var tie = Assert.Single(tied);
            var span = tie.GetProperty("span_id").GetString()!;
            var inSpan = await RecentRecords.QueryAsync(recent, where: new Dictionary<string, string> { ["span_id"] = span });
            Assert.Contains(inSpan, r => r.GetProperty("@mt").GetString()!.StartsWith("Decoding task message", StringComparison.Ordinal) && r.GetProperty("@l").GetString() == "Debug");
            Assert.Equal(["start", "end"], inSpan.Where(r => r.TryGetProperty("span_event", out _)).Select(r => r.GetProperty("span_event").GetString()));

            // The most recent two, and only what came after a moment.
            var lastTwo = await RecentRecords.QueryAsync(recent, limit: 2);
            Assert.Equal(2, lastTwo.Count);
            var all = await RecentRecords.QueryAsync(recent);
            Assert.Equal(all[^2].GetRawText(), lastTwo[0].GetRawText());
            var since = all[^1].GetProperty("@t").GetDateTimeOffset();
            Assert.All(await RecentRecords.QueryAsync(recent, since: since), r => Assert.True(r.GetProperty("@t").GetDateTimeOffset() >= since));

            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => RecentRecords.QueryAsync(recent, limit: -1));
            Assert.Contains("limit", refused.Message, StringComparison.Ordinal);

            await submitter.SendAsync("{\"type\":\"shutdown\"}\n"u8.ToArray(), SocketFlags.None);
            await interchange.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));

            // The file handler, at Information, never had the Debug records the Recent handler answered with.
            var written = Directory.GetFiles(directory, "interchange.*.jsonl").SelectMany(File.ReadLines).ToList();
            Assert.NotEmpty(written);
            Assert.DoesNotContain(written, line => line.Contains("\"@l\":\"Debug\"", StringComparison.Ordinal));
            Assert.False(File.Exists(recent), "the socket is removed when the process ends");
        }
        finally
        {
            if (!interchange.HasExited)
            {
                interchange.Kill(entireProcessTree: true);
            }

            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task The_ring_keeps_only_the_most_recent_records_it_is_allowed()
    {
        var directory = Directory.CreateTempSubdirectory("we-recent-").FullName;
        try
        {
            var socket = Path.Combine(directory, "recent.sock");
            using (var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddWideEvents(o => o.Handlers.Add(RecentRecords.Handler(socket, records: 50)))))
            {
                var logger = factory.CreateLogger("test");
                for (var i = 0; i < 500; i++)
                {
                    logger.LogDebug("Step {step}", i);
                }

                WideEventsLogging.ForceFlush(TimeSpan.FromSeconds(10));
                var kept = await RecentRecords.QueryAsync(socket);
                Assert.Equal(Enumerable.Range(450, 50), kept.Select(r => r.GetProperty("step").GetInt32()));
                Assert.Single(await RecentRecords.QueryAsync(socket, where: new Dictionary<string, string> { ["step"] = "499" }));
                Assert.Empty(await RecentRecords.QueryAsync(socket, where: new Dictionary<string, string> { ["step"] = "3" }));
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
