using System.Diagnostics;
using System.Text.Json.Nodes;
using WideEvents.Shipper.Tests.Support;

namespace WideEvents.Shipper.Tests.EndToEnd;

/// <summary>
/// A collector killed and restarted again and again, up most of the time, while a backlog and new
/// records flow: the sidecar must not stall behind a retry delay grown through earlier outages or
/// behind the channel's own reconnect back-off (issue 19, item 7).
/// </summary>
public sealed class FlappingCollectorTests
{
    private const int Backlog = 200_000;
    private const int Restarts = 10;
    private static readonly TimeSpan Up = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ProgressBound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Shipping_goes_on_within_a_bounded_wait_after_each_restart_of_a_flapping_collector()
    {
        // The default RetryMaxDelaySeconds (30 s), so a delay grown through earlier outages would
        // show as a stall; a small base so that one short outage cannot grow it far by itself.
        using var pair = new ShipperPair(sidecar: s =>
        {
            JsonNode sink = s["Sinks"]!["Grpc"]![0]!;
            sink["RetryBaseDelaySeconds"] = 0.25;
            sink["RetryMaxDelaySeconds"] = 30;
            sink["BreakSeconds"] = 1;
        });
        string file = Path.Combine(pair.InputDirectory, "app.jsonl");
        RecordWriter.Append(file, 1, Backlog);
        pair.StartCollector();
        pair.StartSidecar();
        await Eventually.HoldsAsync(() => pair.StoredThrough() > 0, TimeSpan.FromSeconds(30), pair.Logs);

        var clock = Stopwatch.StartNew();
        var samples = new List<(TimeSpan At, ulong Stored)>();
        using var sampling = new CancellationTokenSource();
        Task sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                ulong stored = pair.StoredThrough();
                lock (samples)
                {
                    samples.Add((clock.Elapsed, stored));
                }

                await Task.Delay(50);
            }
        });

        int total = Backlog;
        var restarts = new List<(TimeSpan At, int Written)>();
        for (int restart = 0; restart < Restarts; restart++)
        {
            // Records keep coming while the collector is up and while it is down.
            DateTime upUntil = DateTime.UtcNow + Up;
            while (DateTime.UtcNow < upUntil)
            {
                RecordWriter.Append(file, total + 1, 500);
                total += 500;
                await Task.Delay(200);
            }

            pair.KillCollector();
            await Task.Delay(300);
            pair.StartCollector();

            // Timed from when the collector listens: how fast a loaded machine starts a process is
            // not the shipper's doing, and a collector killed before it listened was never up.
            await Eventually.HoldsAsync(() => pair.Collector!.Log.Contains("wide-shipper started", StringComparison.Ordinal), TimeSpan.FromSeconds(30), pair.Logs);
            restarts.Add((clock.Elapsed, total));
        }

        await Task.Delay(ProgressBound);
        await sampling.CancelAsync();
        await sampler;

        foreach ((TimeSpan at, int written) in restarts)
        {
            // Progress is owed only where something was left to ship.
            ulong atRestart = samples.Last(s => s.At <= at).Stored;
            bool advanced = atRestart >= (ulong)written || samples.Any(s => s.At > at && s.At <= at + ProgressBound && s.Stored > atRestart);
            Assert.True(advanced, $"nothing stored within {ProgressBound.TotalSeconds} s of the restart at {at.TotalSeconds:F1} s (stored {atRestart} of {written} written)\n{pair.Logs()}");
        }

        await Eventually.HoldsAsync(() => pair.StoredThrough() >= (ulong)total, TimeSpan.FromSeconds(120), () => $"stored through {pair.StoredThrough()} of {total}\n{pair.Logs()}");
        Signals.Terminate(pair.Collector!.Id);
        await pair.Collector.WaitForExitAsync(TimeSpan.FromSeconds(20));
        RecordWriter.AssertExactlyOnce(pair.StoredLines(), total);
    }
}
