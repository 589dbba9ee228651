using System.Text;
using System.Text.Json;
using WideEvents.Contracts.TextLogs;

namespace WideEvents.Analyze.Loaders;

/// <summary>Chooses a loader from a file's first bytes, never from its name.</summary>
internal static class FormatSniffer
{
    public static LogFormat? Sniff(string path) => Sniff(path, out _);

    /// <summary>The file's format, or null with <paramref name="notRecords"/> saying why when it is a JSON file that holds no records.</summary>
    public static LogFormat? Sniff(string path, out string? notRecords)
    {
        notRecords = null;
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
        if (head.StartsWith("PAR1"u8))
        {
            return LogFormat.Parquet;
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
            if (line.TrimStart().StartsWith('{') || line.TrimStart().StartsWith('['))
            {
                notRecords = NotRecords(line.Trim());
                return notRecords is null ? LogFormat.JsonLines : null;
            }
            if (WorkQueueTransactionLine.LooksLikeTransactions(line))
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
            return ParslTextLine.LooksLikeParslText(line) ? LogFormat.ParslText : null;
        }
        return null;
    }

    // Records are flat objects, one per line. Our own outputs and state files are JSON too, and
    // read as records they would count as data: a Chrome trace, a pretty-printed document, an
    // object of objects (the store's store-state.json, the shipper's checkpoints).
    private static string? NotRecords(string firstLine)
    {
        if (firstLine is "{" or "[" || firstLine.StartsWith('['))
        {
            return "a JSON document, not JSON lines (one record per line); not read";
        }
        if (firstLine.Contains("\"traceEvents\"", StringComparison.Ordinal))
        {
            return "a Chrome trace (an output of wide trace), not records; not read";
        }
        try
        {
            using var doc = JsonDocument.Parse(firstLine);
            var properties = doc.RootElement.EnumerateObject().ToList();
            if (properties.Count > 0 && properties.All(p => p.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array))
            {
                return "a JSON state file (no property is a value: e.g. the store's store-state.json), not records; not read";
            }
        }
        catch (JsonException)
        {
            // A line cut by the 8 KiB read, or a torn line: the loader counts bad lines.
        }
        return null;
    }
}
