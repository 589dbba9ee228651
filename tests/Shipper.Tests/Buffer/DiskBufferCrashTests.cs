using System.Text;
using WideEvents.Shipper.Buffer;
using WideEvents.Shipper.Configuration;
using WideEvents.Shipper.Health;
using WideEvents.Shipper.Records;
using WideEvents.Shipper.Tests.Support;

namespace WideEvents.Shipper.Tests.Buffer;

/// <summary>
/// Crash consistency by simulation: a crash can leave a segment cut at any byte, or with a
/// corrupted byte where a write was torn. Whatever is left, reopening must yield exactly the
/// records whose frames survived whole, in order, and accept appends after them.
/// </summary>
public sealed class DiskBufferCrashTests
{
    private const int Records = 300;

    [Fact]
    public async Task A_segment_cut_at_any_byte_reopens_to_exactly_the_whole_records_before_the_cut()
    {
        using var original = new TempDirectory();
        List<long> frameEnds = await WriteAsync(original.Path);
        string segment = Directory.GetFiles(original.Path, "*.seg").Single();
        byte[] bytes = File.ReadAllBytes(segment);
        var random = new Random(1234);
        IEnumerable<long> cuts = [0, 1, 7, 8, .. frameEnds.Take(5), .. frameEnds.Take(5).Select(e => e + 1), .. frameEnds.Take(5).Select(e => e - 1), bytes.Length, .. Enumerable.Range(0, 40).Select(_ => (long)random.Next(bytes.Length))];
        foreach (long cut in cuts.Distinct())
        {
            using var crashed = new TempDirectory();
            File.WriteAllBytes(Path.Combine(crashed.Path, Path.GetFileName(segment)), bytes[..(int)cut]);
            int survivors = frameEnds.Count(end => end <= cut);

            List<ulong> read = await ReopenAndReadAsync(crashed.Path, appendOneMore: true);

            Assert.Equal([.. Enumerable.Range(1, survivors).Select(i => (ulong)i), 100_000UL], read);
        }
    }

    [Fact]
    public async Task A_corrupted_byte_ends_the_segment_at_the_frame_before_it()
    {
        using var original = new TempDirectory();
        List<long> frameEnds = await WriteAsync(original.Path);
        string segment = Directory.GetFiles(original.Path, "*.seg").Single();
        byte[] bytes = File.ReadAllBytes(segment);
        var random = new Random(99);
        for (int trial = 0; trial < 30; trial++)
        {
            int at = random.Next(bytes.Length);
            byte[] corrupted = (byte[])bytes.Clone();
            corrupted[at] ^= (byte)(1 << random.Next(8));
            using var crashed = new TempDirectory();
            File.WriteAllBytes(Path.Combine(crashed.Path, Path.GetFileName(segment)), corrupted);
            int survivors = frameEnds.Count(end => end <= at);

            List<ulong> read = await ReopenAndReadAsync(crashed.Path, appendOneMore: false);

            Assert.Equal(Enumerable.Range(1, survivors).Select(i => (ulong)i), read);
        }
    }

    private static SourcedRecord Record(ulong sequence) =>
        new("source-" + (sequence % 3), sequence, Encoding.UTF8.GetBytes($"{{\"n\":{sequence},\"pad\":\"{new string('z', (int)(sequence % 17))}\"}}"));

    /// <summary>Writes the records in appends of varying size; returns where each frame ends.</summary>
    private static async Task<List<long>> WriteAsync(string directory)
    {
        await using var buffer = new DiskBuffer(directory, new BufferOptions(), ["sink"], new ShipperMetrics(), TestLogger.For<DiskBuffer>());
        ulong next = 1;
        var random = new Random(7);
        while (next <= Records)
        {
            int count = Math.Min(random.Next(1, 20), Records - (int)next + 1);
            await buffer.AppendAsync([.. Enumerable.Range(0, count).Select(i => Record(next + (ulong)i))], CancellationToken.None);
            next += (ulong)count;
        }

        var ends = new List<long>();
        long end = 0;
        for (ulong i = 1; i <= Records; i++)
        {
            end += RecordFrame.SizeOf(Record(i));
            ends.Add(end);
        }

        return ends;
    }

    private static async Task<List<ulong>> ReopenAndReadAsync(string directory, bool appendOneMore)
    {
        await using var buffer = new DiskBuffer(directory, new BufferOptions(), ["sink"], new ShipperMetrics(), TestLogger.For<DiskBuffer>());
        if (appendOneMore)
        {
            await buffer.AppendAsync([Record(100_000)], CancellationToken.None);
        }

        var sequences = new List<ulong>();
        BufferReader reader = buffer.Reader("sink");
        while (reader.BytesBehind > 0)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            List<BufferedRecord> read = await reader.ReadAsync(1000, 1 << 20, timeout.Token);
            sequences.AddRange(read.Select(r => r.Record.Sequence));
            reader.Commit(read[^1].Next);
        }

        return sequences;
    }
}
