using System.Text;
using WideEvents.Shipper.Buffer;
using WideEvents.Shipper.Configuration;
using WideEvents.Shipper.Health;
using WideEvents.Shipper.Records;
using WideEvents.Shipper.Tests.Support;

namespace WideEvents.Shipper.Tests.Buffer;

public sealed class DiskBufferTests
{
    private static RecordRun Record(string source, ulong sequence, int size = 50) =>
        new(source, sequence, 1, Encoding.UTF8.GetBytes($"{{\"s\":{sequence},\"p\":\"{new string('x', size)}\"}}\n"));

    private static DiskBuffer Open(string directory, BufferOptions? options = null, params string[] readers) =>
        new(directory, options ?? new BufferOptions(), readers.Length == 0 ? ["sink"] : readers, new ShipperMetrics(), TestLogger.For<DiskBuffer>());

    [Fact]
    public async Task Records_read_back_in_order_with_their_source_and_sequence()
    {
        using var directory = new TempDirectory();
        await using DiskBuffer buffer = Open(directory.Path);
        await buffer.AppendAsync([Record("a", 1), Record("b", 7), Record("a", 2)], CancellationToken.None);

        List<BufferedRun> read = await buffer.Reader("sink").ReadAsync(100, 1 << 20, CancellationToken.None);

        Assert.Equal([("a", 1UL), ("b", 7UL), ("a", 2UL)], read.Select(r => (r.Run.SourceId, r.Run.FirstSequence)));
        Assert.Equal(Record("b", 7).Lines.ToArray(), read[1].Run.Lines.ToArray());
    }

    [Fact]
    public async Task A_reopened_buffer_resumes_each_reader_at_its_committed_cursor()
    {
        using var directory = new TempDirectory();
        await using (DiskBuffer buffer = Open(directory.Path, null, "one", "two"))
        {
            await buffer.AppendAsync([.. Enumerable.Range(1, 10).Select(i => Record("a", (ulong)i))], CancellationToken.None);
            List<BufferedRun> read = await buffer.Reader("one").ReadAsync(4, 1 << 20, CancellationToken.None);
            buffer.Reader("one").Commit(read[^1].Next);
        }

        await using DiskBuffer reopened = Open(directory.Path, null, "one", "two");
        List<BufferedRun> one = await reopened.Reader("one").ReadAsync(100, 1 << 20, CancellationToken.None);
        List<BufferedRun> two = await reopened.Reader("two").ReadAsync(100, 1 << 20, CancellationToken.None);
        Assert.Equal(5UL, one[0].Run.FirstSequence);
        Assert.Equal(6, one.Count);
        Assert.Equal(10, two.Count);
    }

    [Fact]
    public async Task A_torn_tail_left_by_a_crash_is_cut_off_and_appending_goes_on_after_the_last_whole_record()
    {
        using var directory = new TempDirectory();
        await using (DiskBuffer buffer = Open(directory.Path))
        {
            await buffer.AppendAsync([Record("a", 1), Record("a", 2)], CancellationToken.None);
        }

        string segment = Directory.GetFiles(Path.Combine(directory.Path), "*.run").Single();
        long whole = new FileInfo(segment).Length;
        using (var stream = new FileStream(segment, FileMode.Append))
        {
            stream.Write([40, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7]); // a frame header promising bytes that never came
        }

        await using DiskBuffer reopened = Open(directory.Path);
        Assert.Equal(whole, new FileInfo(segment).Length);
        await reopened.AppendAsync([Record("a", 3)], CancellationToken.None);
        List<BufferedRun> read = await reopened.Reader("sink").ReadAsync(100, 1 << 20, CancellationToken.None);
        Assert.Equal([1UL, 2UL, 3UL], read.Sequences());
    }

    [Fact]
    public async Task A_full_buffer_makes_appends_wait_until_a_reader_commits_and_whole_segments_are_deleted()
    {
        using var directory = new TempDirectory();
        var options = new BufferOptions { MaxBytes = 16L << 20, SegmentBytes = 1L << 20 };
        await using DiskBuffer buffer = Open(directory.Path, options);
        RecordRun[] chunk = [.. Enumerable.Range(1, 1000).Select(i => Record("a", (ulong)i, 1000))]; // ~1 MiB
        Task? blocked = null;
        for (int i = 0; i < 30 && blocked is null; i++)
        {
            Task append = buffer.AppendAsync(chunk, CancellationToken.None);
            if (await Task.WhenAny(append, Task.Delay(300)) != append)
            {
                blocked = append;
            }
        }

        Assert.True(blocked is not null, "an append should wait once the buffer is full");
        Assert.True(buffer.SizeBytes <= options.MaxBytes);

        BufferReader reader = buffer.Reader("sink");
        for (int i = 0; i < 5; i++)
        {
            List<BufferedRun> read = await reader.ReadAsync(1000, 16L << 20, CancellationToken.None);
            reader.Commit(read[^1].Next);
        }

        await blocked!.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(Directory.GetFiles(directory.Path, "*.run").Length < 16);
    }

    [Fact]
    public async Task A_run_reads_back_whole_and_a_reader_resumes_after_it()
    {
        using var directory = new TempDirectory();
        await using DiskBuffer buffer = Open(directory.Path);
        await buffer.AppendAsync([RecordRuns.Of("a", 1, "{\"n\":1}", "{\"n\":2}", "{\"n\":3}"), Record("b", 9)], CancellationToken.None);

        List<BufferedRun> read = await buffer.Reader("sink").ReadAsync(100, 1 << 20, CancellationToken.None);

        Assert.Equal([("a", 1UL, 3), ("b", 9UL, 1)], read.Select(r => (r.Run.SourceId, r.Run.FirstSequence, r.Run.Count)));
        Assert.Equal("{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n", Encoding.UTF8.GetString(read[0].Run.Lines.Span));
        Assert.Equal("{\"n\":3}\n", Encoding.UTF8.GetString(read[0].Run.After(2)!.Lines.Span));
    }

    [Fact]
    public void Segments_of_the_older_record_per_frame_format_stop_the_start_and_are_kept()
    {
        using var directory = new TempDirectory();
        string old = Path.Combine(directory.Path, "00000000000000000001.seg");
        File.WriteAllBytes(old, [1, 2, 3]);

        var error = Assert.Throws<InvalidDataException>(() => Open(directory.Path));

        Assert.Contains("older wide-shipper", error.Message, StringComparison.Ordinal);
        Assert.Equal([1, 2, 3], File.ReadAllBytes(old));
    }

    [TmpfsFact]
    public async Task Appends_wait_while_the_disk_is_full_and_complete_by_themselves_once_space_returns()
    {
        using var volume = new SmallVolume(8 << 20);
        var metrics = new ShipperMetrics();
        await using var buffer = new DiskBuffer(volume.Combine("buffer"), new BufferOptions(), ["sink"], metrics, TestLogger.For<DiskBuffer>());
        volume.Fill();

        Task append = buffer.AppendAsync([.. Enumerable.Range(1, 1_000).Select(i => Record("a", (ulong)i, 1_000))], CancellationToken.None);
        await Eventually.HoldsAsync(() => metrics.DiskWriteFailures.Value >= 2 || append.IsCompleted, TimeSpan.FromSeconds(30), () => "no write failed");
        Assert.False(append.IsCompleted, append.Exception?.ToString());

        volume.Free();
        await append.WaitAsync(TimeSpan.FromSeconds(30));
        List<BufferedRun> read = await buffer.Reader("sink").ReadAsync(2_000, 64 << 20, CancellationToken.None);
        Assert.Equal(Enumerable.Range(1, 1_000).Select(i => (ulong)i), read.Sequences());
    }

    [TmpfsFact]
    public async Task On_a_small_volume_segments_are_made_small_enough_to_be_deleted_before_the_disk_fills()
    {
        using var volume = new SmallVolume(8 << 20);
        var options = new BufferOptions { SegmentBytes = 64L << 20 };
        await using var buffer = new DiskBuffer(volume.Combine("buffer"), options, ["sink"], new ShipperMetrics(), TestLogger.For<DiskBuffer>());

        Assert.True(options.SegmentBytes <= 1L << 20, $"segment {options.SegmentBytes} bytes on an 8 MiB volume");
    }
}
