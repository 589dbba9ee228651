using WideEvents.Shipper.Tests.Support;

namespace WideEvents.Shipper.Tests.EndToEnd;

public sealed class StoreStateLostTests
{
    [Fact]
    public async Task Deleting_store_state_between_two_collector_runs_loses_no_stored_record()
    {
        using var pair = new ShipperPair();
        pair.StartCollector();
        pair.StartSidecar();
        string input = Path.Combine(pair.InputDirectory, "app.jsonl");
        RecordWriter.Append(input, 1, 1_000);
        await Eventually.HoldsAsync(() => pair.StoredThrough() >= 1_000, TimeSpan.FromSeconds(30), pair.Logs);
        Signals.Terminate(pair.Collector!.Id);
        await pair.Collector.WaitForExitAsync(TimeSpan.FromSeconds(20));
        long storedBytes = Directory.EnumerateFiles(pair.StoreDirectory, "*.jsonl").Sum(f => new FileInfo(f).Length);

        File.Delete(Path.Combine(pair.StoreDirectory, "store-state.json"));
        pair.StartCollector();
        RecordWriter.Append(input, 1_001, 10);

        await Eventually.HoldsAsync(() => pair.StoredThrough() >= 1_010, TimeSpan.FromSeconds(30), () => $"stored {pair.StoredThrough()}\n{pair.Logs()}");
        Signals.Terminate(pair.Collector.Id);
        await pair.Collector.WaitForExitAsync(TimeSpan.FromSeconds(20));
        Assert.True(Directory.EnumerateFiles(pair.StoreDirectory, "*.jsonl").Sum(f => new FileInfo(f).Length) > storedBytes);
        RecordWriter.AssertExactlyOnce(pair.StoredLines(), 1_010);
        Assert.Contains("not covered by store-state.json", pair.Collector.Log, StringComparison.Ordinal);
    }
}
