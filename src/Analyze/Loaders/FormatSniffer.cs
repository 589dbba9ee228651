using System.Text;
using System.Text.RegularExpressions;

namespace WideEvents.Analyze.Loaders;

/// <summary>Chooses a loader from a file's first bytes, never from its name.</summary>
internal static partial class FormatSniffer
{
    [GeneratedRegex(@"^\d{13,} \d+ +(MANAGER|MASTER|TASK|WORKER|CATEGORY|TRANSFER|LIBRARY|APPLICATION)\b")]
    private static partial Regex TransactionLine();

    public static LogFormat? Sniff(string path)
    {
        Span<byte> head = stackalloc byte[8192];
        int n;
        using (var stream = File.OpenRead(path))
        {
            n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        head = head[..n];
        if (head.StartsWith("SQLite format 3\0"u8))
        {
            return LogFormat.MonitoringDb;
        }
        if (head.IndexOf((byte)0) >= 0)
        {
            return null;
        }
        var text = Encoding.UTF8.GetString(head).TrimStart('\uFEFF');
        var lines = text.Split('\n');
        // The last line may be cut by the 8 KiB read; judge on whole lines when there are any.
        var whole = lines.Length > 1 ? lines[..^1] : lines;
        foreach (var raw in whole)
        {
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                continue;
            }
            if (line.TrimStart().StartsWith('{'))
            {
                return LogFormat.JsonLines;
            }
            if (line.StartsWith("# time manager_pid", StringComparison.Ordinal) ||
                line.StartsWith("# time master_pid", StringComparison.Ordinal) ||
                TransactionLine().IsMatch(line))
            {
                return LogFormat.WorkQueueTransactions;
            }
            if (line.StartsWith("# timestamp workers_connected", StringComparison.Ordinal))
            {
                return LogFormat.WorkQueueStats;
            }
            if (line.StartsWith('#'))
            {
                continue;
            }
            return ParslTextLoader.LooksLikeParslText(line) ? LogFormat.ParslText : null;
        }
        return null;
    }
}
