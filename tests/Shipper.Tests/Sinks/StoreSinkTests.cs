using System.Text;
using WideEvents.Shipper.Buffer;
using WideEvents.Shipper.Configuration;
using WideEvents.Shipper.Health;
using WideEvents.Shipper.Records;
using WideEvents.Shipper.Sinks;
using WideEvents.Shipper.Tail;
using WideEvents.Shipper.Tests.Support;

namespace WideEvents.Shipper.Tests.Sinks;

public sealed class StoreSinkTests
{
    private static RecordRun Record(string source, ulong sequence) => RecordRuns.One(source, sequence, $"{{\"src\":\"{source}\",\"n\":{sequence}}}");

    [Fact]
    public async Task After_a_crash_uncommitted_bytes_are_cut_off_and_redelivered_records_are_stored_once()
    {
        using var directory = new TempDirectory();
        string bufferDirectory = directory.Combine("buffer");
        var options = new StoreSinkOptions { Name = "store", Directory = directory.Combine("store"), MaxFileBytes = 200 };
        await using (var buffer = new DiskBuffer(bufferDirectory, new BufferOptions(), ["store"], new ShipperMetrics(), TestLogger.For<DiskBuffer>()))
        {
            await buffer.AppendAsync([.. Enumerable.Range(1, 20).Select(i => Record(i % 2 == 0 ? "a/b" : "c", (ulong)i))], CancellationToken.None);
            await RunUntilStoredAsync(options, buffer, 20);
        }

        // The crash: the cursor never got saved (everything is redelivered), and a write past the last commit reached the disk.
        File.Delete(Path.Combine(bufferDirectory, "cursor.store"));
        string[] files = Directory.GetFiles(options.Directory, "*.jsonl");
        Assert.True(files.Length > 2, "small MaxFileBytes should have rolled files");
        string last = files.Order(StringComparer.Ordinal).Last();
        File.AppendAllText(last, "{\"uncommitted\":true}\n");

        await using (var buffer = new DiskBuffer(bufferDirectory, new BufferOptions(), ["store"], new ShipperMetrics(), TestLogger.For<DiskBuffer>()))
        {
            await buffer.AppendAsync([Record("c", 21), Record("a/b", 22)], CancellationToken.None);
            await RunUntilStoredAsync(options, buffer, 22);
        }

        List<string> stored = [.. Directory.GetFiles(options.Directory, "*.jsonl").Order(StringComparer.Ordinal).SelectMany(File.ReadLines)];
        Assert.Equal(22, stored.Count);
        Assert.Equal(22, stored.Distinct().Count());
        Assert.DoesNotContain(stored, line => line.Contains("uncommitted", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("deleted")]
    [InlineData("emptied")]
    public async Task A_state_file_deleted_or_emptied_between_runs_loses_no_stored_record(string fault)
    {
        using var directory = new TempDirectory();
        string bufferDirectory = directory.Combine("buffer");
        var options = new StoreSinkOptions { Name = "store", Directory = directory.Combine("store"), MaxFileBytes = 200 };
        await using (var buffer = new DiskBuffer(bufferDirectory, new BufferOptions(), ["store"], new ShipperMetrics(), TestLogger.For<DiskBuffer>()))
        {
            await buffer.AppendAsync([.. Enumerable.Range(1, 20).Select(i => Record(i % 2 == 0 ? "a/b" : "c", (ulong)i))], CancellationToken.None);
            await RunUntilStoredAsync(options, buffer, 20);
        }

        string state = Path.Combine(options.Directory, "store-state.json");
        if (fault == "deleted")
        {
            File.Delete(state);
        }
        else
        {
            File.WriteAllBytes(state, []);
        }

        await using (var buffer = new DiskBuffer(bufferDirectory, new BufferOptions(), ["store"], new ShipperMetrics(), TestLogger.For<DiskBuffer>()))
        {
            await buffer.AppendAsync([.. Enumerable.Range(21, 10).Select(i => Record(i % 2 == 0 ? "a/b" : "c", (ulong)i))], CancellationToken.None);
            await RunUntilStoredAsync(options, buffer, 30);
        }

        List<string> stored = [.. Directory.GetFiles(options.Directory, "*.jsonl").Order(StringComparer.Ordinal).SelectMany(File.ReadLines)];
        Assert.Equal(30, stored.Count);
        Assert.Equal(30, stored.Distinct().Count());
    }

    [Fact]
    public async Task A_store_file_cut_mid_line_with_its_state_lost_is_kept_as_it_is_and_the_next_records_start_a_new_file()
    {
        using var directory = new TempDirectory();
        var options = new StoreSinkOptions { Name = "store", Directory = directory.Combine("store") };
        Directory.CreateDirectory(options.Directory);
        string orphan = Path.Combine(options.Directory, "c.000001.jsonl");
        File.WriteAllText(orphan, "{\"src\":\"c\",\"n\":1}\n{\"src\":\"c\",\"n\"");
        await using (var buffer = new DiskBuffer(directory.Combine("buffer"), new BufferOptions(), ["store"], new ShipperMetrics(), TestLogger.For<DiskBuffer>()))
        {
            await buffer.AppendAsync([Record("c", 3), Record("c", 4)], CancellationToken.None);
            await RunUntilStoredAsync(options, buffer, 4);
        }

        Assert.Equal("{\"src\":\"c\",\"n\":1}\n{\"src\":\"c\",\"n\"", File.ReadAllText(orphan));
        Assert.Equal(["{\"src\":\"c\",\"n\":3}", "{\"src\":\"c\",\"n\":4}"], File.ReadLines(Path.Combine(options.Directory, "c.000002.jsonl")));
    }

    [Fact]
    public async Task A_store_as_the_only_sink_takes_runs_directly_but_only_after_the_buffer_left_by_an_earlier_run_is_drained()
    {
        using var directory = new TempDirectory();
        var options = new StoreSinkOptions { Name = "store", Directory = directory.Combine("store") };
        var metrics = new ShipperMetrics();
        await using var buffer = new DiskBuffer(directory.Combine("buffer"), new BufferOptions(), ["store"], metrics, TestLogger.For<DiskBuffer>());
        await buffer.AppendAsync([Record("c", 1), Record("c", 2)], CancellationToken.None);
        using var writer = new StoreWriter(options, new TailHub(metrics), metrics, TestLogger.For<StoreWriter>());
        using var sink = new StoreSink(options, buffer, writer, metrics);
        using var direct = new DirectStore(writer, sink, metrics);
        await direct.StartAsync(CancellationToken.None);

        Task<Task> queued = direct.EnqueueAsync([Record("c", 3), RecordRuns.Of("d", 1, "{\"src\":\"d\",\"n\":1}", "{\"src\":\"d\",\"n\":2}")], CancellationToken.None).AsTask();
        await Task.Delay(300);
        Assert.False(queued.IsCompleted, "runs were taken before the buffer was drained");

        await sink.StartAsync(CancellationToken.None);
        await (await queued).WaitAsync(TimeSpan.FromSeconds(10));
        await direct.StopAsync(CancellationToken.None);
        await sink.StopAsync(CancellationToken.None);

        string c = Directory.GetFiles(options.Directory, "c.*.jsonl").Single();
        Assert.Equal(["{\"src\":\"c\",\"n\":1}", "{\"src\":\"c\",\"n\":2}", "{\"src\":\"c\",\"n\":3}"], File.ReadLines(c));
        Assert.Equal(2, File.ReadLines(Directory.GetFiles(options.Directory, "d.*.jsonl").Single()).Count());
        Assert.Equal(0, buffer.Reader("store").BytesBehind);
    }

    private static async Task RunUntilStoredAsync(StoreSinkOptions options, DiskBuffer buffer, int total)
    {
        var metrics = new ShipperMetrics();
        using var writer = new StoreWriter(options, new TailHub(metrics), metrics, TestLogger.For<StoreWriter>());
        using var sink = new StoreSink(options, buffer, writer, metrics);
        await sink.StartAsync(CancellationToken.None);
        await Eventually.HoldsAsync(() => buffer.Reader("store").BytesBehind == 0, TimeSpan.FromSeconds(10), () => "store did not catch up");
        await sink.StopAsync(CancellationToken.None);
        string state = File.ReadAllText(Path.Combine(options.Directory, "store-state.json"));
        Assert.Contains("\"Through\":" + (total % 2 == 0 ? total : total - 1), state, StringComparison.Ordinal);
    }
}
