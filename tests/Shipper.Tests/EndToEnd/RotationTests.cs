using WideEvents.Shipper.Tests.Support;

namespace WideEvents.Shipper.Tests.EndToEnd;

public sealed class RotationTests
{
    [Fact]
    public async Task Rename_rotation_and_copytruncate_while_tailing_lose_and_repeat_nothing()
    {
        using var pair = new ShipperPair();
        pair.StartCollector();
        pair.StartSidecar();
        string path = Path.Combine(pair.InputDirectory, "app.jsonl");

        // Rename rotation: the writer still holds the old file and writes to it after the rename.
        using (var writer = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete))
        {
            WriteRange(writer, 1, 5_000);
            await Eventually.HoldsAsync(() => pair.StoredThrough() >= 1, TimeSpan.FromSeconds(30), pair.Logs);
            File.Move(path, Path.Combine(pair.InputDirectory, "app.jsonl.1"));
            WriteRange(writer, 5_001, 1_000);
        }

        RecordWriter.Append(path, 6_001, 9_000);
        await Eventually.HoldsAsync(() => pair.StoredThrough() >= 15_000, TimeSpan.FromSeconds(30), () => $"stored {pair.StoredThrough()}\n{pair.Logs()}");

        // copytruncate: copy away, cut the file to nothing, and write again at once, past the old offset.
        File.Copy(path, Path.Combine(pair.InputDirectory, "app.jsonl.2"));
        using (var truncate = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete))
        {
            truncate.SetLength(0);
        }

        RecordWriter.Append(path, 15_001, 12_000);
        await Eventually.HoldsAsync(() => pair.StoredThrough() >= 27_000, TimeSpan.FromSeconds(30), () => $"stored {pair.StoredThrough()}\n{pair.Logs()}");
        Signals.Terminate(pair.Collector!.Id);
        await pair.Collector.WaitForExitAsync(TimeSpan.FromSeconds(20));

        RecordWriter.AssertExactlyOnce(pair.StoredLines(), 27_000);
        Assert.Contains("truncated", pair.Sidecar!.Log, StringComparison.Ordinal);
        Assert.Contains("renamed or deleted away", pair.Sidecar.Log, StringComparison.Ordinal);
    }

    private static void WriteRange(FileStream writer, int from, int count)
    {
        for (int i = from; i < from + count; i++)
        {
            writer.Write(System.Text.Encoding.UTF8.GetBytes(RecordWriter.Record(i) + "\n"));
        }

        writer.Flush();
    }
}
