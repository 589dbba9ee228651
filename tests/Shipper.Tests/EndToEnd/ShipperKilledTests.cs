using WideEvents.Shipper.Tests.Support;

namespace WideEvents.Shipper.Tests.EndToEnd;

/// <summary>A sidecar and a collector as real processes; one of them is SIGKILLed four times while 100,000 records flow.</summary>
public sealed class ShipperKilledTests
{
    private const int Total = 100_000;

    [Theory]
    [InlineData("collector", 300)]
    [InlineData("sidecar", 200)]
    public async Task Every_record_is_stored_exactly_once_when_a_shipper_is_killed_repeatedly_mid_stream(string victim, int restartAfterMilliseconds)
    {
        using var pair = new ShipperPair();
        pair.StartCollector();
        pair.StartSidecar();
        string file = Path.Combine(pair.InputDirectory, "app.jsonl");
        Task writing = RecordWriter.AppendSlowlyAsync(file, Total, chunk: 2_500, pause: TimeSpan.FromMilliseconds(100));
        var storedAtKills = new List<ulong>();
        for (int kill = 0; kill < 4; kill++)
        {
            // Kill only once records are moving again since the last restart, so every kill lands mid-stream.
            ulong before = storedAtKills.LastOrDefault();
            await Eventually.HoldsAsync(() => pair.StoredThrough() > before || pair.StoredThrough() >= Total, TimeSpan.FromSeconds(60), pair.Logs);
            await Task.Delay(TimeSpan.FromMilliseconds(100 + (kill * 70)));
            if (pair.StoredThrough() >= Total)
            {
                break;
            }

            storedAtKills.Add(pair.StoredThrough());
            if (victim == "collector")
            {
                pair.KillCollector();
                await Task.Delay(TimeSpan.FromMilliseconds(restartAfterMilliseconds));
                pair.StartCollector();
            }
            else
            {
                pair.KillSidecar();
                await Task.Delay(TimeSpan.FromMilliseconds(restartAfterMilliseconds));
                pair.StartSidecar();
            }
        }

        await writing;
        Assert.Contains(storedAtKills, stored => stored > 0 && stored < Total); // the kills landed mid-stream
        await Eventually.HoldsAsync(() => pair.StoredThrough() >= Total, TimeSpan.FromSeconds(90), () => $"stored through {pair.StoredThrough()}\n{pair.Logs()}");
        Signals.Terminate(pair.Collector!.Id);
        Assert.Equal(0, await pair.Collector.WaitForExitAsync(TimeSpan.FromSeconds(20)));

        RecordWriter.AssertExactlyOnce(pair.StoredLines(), Total);
    }
}
