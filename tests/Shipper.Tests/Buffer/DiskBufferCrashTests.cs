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
/// records of the runs whose frames survived whole, in order, never part of a run (its source,
/// whose checkpoint never passed it, reads it again), and accept appends after them.
/// </summary>
public sealed class DiskBufferCrashTests
{
    private const int Records = 300;

    [Fact]
    public async Task A_segment_cut_at_any_byte_reopens_to_exactly_the_whole_runs_before_the_cut()
    {
        using var original = new TempDirectory();
        List<long> frameEnds = await WriteAsync(original.Path);
        string segment = Directory.GetFiles(original.Path, "*.run").Single();
        byte[] bytes = File.ReadAllBytes(segment);
        var random = new Random(1234);
        IEnumerable<long> cuts = [0, 1, 7, 8, .. frameEnds.Distinct().Take(5), .. frameEnds.Distinct().Take(5).Select(e => e + 1), .. frameEnds.Distinct().Take(5).Select(e => e - 1), bytes.Length, .. Enumerable.Range(0, 40).Select(_ => (long)random.Next(bytes.Length))];
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
        string segment = Directory.GetFiles(original.Path, "*.run").Single();
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

    private static string Json(ulong sequence) => $"{{\"n\":{sequence},\"pad\":\"{new string('z', (int)(sequence % 17))}\"}}";

    private static RecordRun Record(ulong sequence) => RecordRuns.One("source-" + (sequence % 3), sequence, Json(sequence));

    /// <summary>
    /// Writes the records as runs of 1 to 19 records, in appends of one to three runs; returns,
    /// per record, where the frame of the run that holds it ends (a run survives whole or not at all).
    /// </summary>
    private static async Task<List<long>> WriteAsync(string directory)
    {
        await using var buffer = new DiskBuffer(directory, new BufferOptions(), ["sink"], new ShipperMetrics(), TestLogger.For<DiskBuffer>());
        var ends = new List<long>();
        long end = 0;
        ulong next = 1;
        var random = new Random(7);
        while (next <= Records)
        {
            var append = new List<RecordRun>();
            for (int runs = random.Next(1, 4); runs > 0 && next <= Records; runs--)
            {
                int count = Math.Min(random.Next(1, 20), Records - (int)next + 1);
                RecordRun run = RecordRuns.Of("source-" + (next % 3), next, [.. Enumerable.Range(0, count).Select(i => Json(next + (ulong)i))]);
                append.Add(run);
                end += RunFrame.SizeOf(run);
                ends.AddRange(Enumerable.Repeat(end, count));
                next += (ulong)count;
            }

            await buffer.AppendAsync(append, CancellationToken.None);
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
            List<BufferedRun> read = await reader.ReadAsync(1000, 1 << 20, timeout.Token);
            sequences.AddRange(read.Sequences());
            reader.Commit(read[^1].Next);
        }

        return sequences;
    }
}
