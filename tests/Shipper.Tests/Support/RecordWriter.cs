using System.Text;

namespace WideEvents.Shipper.Tests.Support;

/// <summary>Writes numbered records the way an application appends to its log, in chunks.</summary>
internal static class RecordWriter
{
    private static readonly string Padding = new('x', 120);

    public static string Record(int i) => $"{{\"@t\":\"2026-01-01T00:00:00.0000000Z\",\"@mt\":\"step {{i}}\",\"i\":{i},\"p\":\"{Padding}\"}}";

    /// <summary>What the store must hold for record <paramref name="i"/> after the sidecar widened it.</summary>
    public static string Widened(int i, string host = "test-host") => Record(i)[..^1] + $",\"host\":\"{host}\"}}";

    public static void Append(string path, int from, int count)
    {
        var text = new StringBuilder();
        for (int i = from; i < from + count; i++)
        {
            text.Append(Record(i)).Append('\n');
        }

        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        stream.Write(Encoding.UTF8.GetBytes(text.ToString()));
    }

    /// <summary>Appends records 1..<paramref name="total"/> in chunks with pauses, so a kill lands mid-stream.</summary>
    public static async Task AppendSlowlyAsync(string path, int total, int chunk, TimeSpan pause)
    {
        for (int i = 1; i <= total; i += chunk)
        {
            Append(path, i, Math.Min(chunk, total - i + 1));
            await Task.Delay(pause);
        }
    }

    /// <summary>Asserts the store lines are exactly the widened records 1..<paramref name="total"/>, each once.</summary>
    public static void AssertExactlyOnce(IReadOnlyList<string> lines, int total)
    {
        var seen = new HashSet<string>(lines.Count, StringComparer.Ordinal);
        var duplicates = new List<string>();
        foreach (string line in lines)
        {
            if (!seen.Add(line))
            {
                duplicates.Add(line);
            }
        }

        Assert.True(duplicates.Count == 0, $"{duplicates.Count} duplicate lines, first: {duplicates.FirstOrDefault()}");
        var missing = Enumerable.Range(1, total).Where(i => !seen.Contains(Widened(i))).Take(5).ToList();
        Assert.True(missing.Count == 0, $"missing records, first: {string.Join(", ", missing)}");
        Assert.Equal(total, lines.Count);
    }
}
