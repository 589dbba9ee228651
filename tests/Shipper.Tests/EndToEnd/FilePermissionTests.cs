using WideEvents.Shipper.Tests.Support;

namespace WideEvents.Shipper.Tests.EndToEnd;

public sealed class FilePermissionTests
{
    private const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    [Fact]
    public async Task Every_file_and_directory_the_shipper_creates_is_owner_only_by_default()
    {
        using var pair = new ShipperPair();
        pair.StartCollector();
        pair.StartSidecar();
        string input = Path.Combine(pair.InputDirectory, "app.jsonl");
        RecordWriter.Append(input, 1, 100);
        File.AppendAllText(input, "not json\n");
        await Eventually.HoldsAsync(() => pair.StoredThrough() >= 100 && File.Exists(Path.Combine(pair.SidecarData, "status.json")), TimeSpan.FromSeconds(30), pair.Logs);
        Signals.Terminate(pair.Collector!.Id);
        await pair.Collector.WaitForExitAsync(TimeSpan.FromSeconds(20));
        Signals.Terminate(pair.Sidecar!.Id);
        await pair.Sidecar.WaitForExitAsync(TimeSpan.FromSeconds(20));

        string[] created = [pair.SidecarData, Path.Combine(pair.Root, "collector-data"), pair.StoreDirectory];
        List<string> entries = [.. created, .. created.SelectMany(d => Directory.EnumerateFileSystemEntries(d, "*", SearchOption.AllDirectories))];
        Assert.Contains(entries, e => e.EndsWith("quarantine.jsonl", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.EndsWith(".run", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.EndsWith("checkpoints.in.json", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.EndsWith("store-state.json", StringComparison.Ordinal));
        List<string> open = [.. entries.Where(e => (File.GetUnixFileMode(e) & GroupOrOther) != 0).Select(e => $"{e} {File.GetUnixFileMode(e)}")];
        Assert.True(open.Count == 0, "readable by others: " + string.Join(Environment.NewLine, open));
    }
}
