using System.Text;
using System.Text.Json;
using WideEvents.Analyze.Loaders;
using WideEvents.Contracts.TextLogs;

namespace WideEvents.Cli;

/// <summary>
/// Where each record of a file was read from, and how many bytes it took there: records carry no
/// line number, but a file's records come in its order, so the n-th record is on the n-th line
/// that is one. A Parsl text log's entry is its header line (recognised by the loader's own
/// parser) and the lines that continue it. A database has no lines: nothing is returned for it.
/// </summary>
internal static class RecordLines
{
    /// <summary>Per record in file order: its first line (1-based) and its bytes, newlines included.</summary>
    public static List<(int Line, long Bytes)> Of(string path, LogFormat format)
    {
        var spans = new List<(int Line, long Bytes)>();
        if (format is not (LogFormat.JsonLines or LogFormat.ParslText or LogFormat.WorkQueueTransactions) || !File.Exists(path))
        {
            return spans;
        }
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            long bytes = Encoding.UTF8.GetByteCount(line) + 1;
            if (IsRecord(line, format))
            {
                spans.Add((number, bytes));
            }
            else if (format == LogFormat.ParslText && spans.Count > 0)
            {
                spans[^1] = (spans[^1].Line, spans[^1].Bytes + bytes);
            }
        }
        return spans;
    }

    private static bool IsRecord(string line, LogFormat format)
    {
        switch (format)
        {
            case LogFormat.ParslText:
                return ParslTextLine.Header(line) is not null;
            case LogFormat.WorkQueueTransactions:
                return WorkQueueTransactionLine.Parse(line, Discard.Instance, out _, out _) == TransactionLineKind.Record;
            default:
                var trimmed = line.AsSpan().Trim();
                if (trimmed.IsEmpty || trimmed[0] != '{')
                {
                    return false;
                }
                try
                {
                    using var doc = JsonDocument.Parse(line);
                    return doc.RootElement.ValueKind == JsonValueKind.Object;
                }
                catch (JsonException)
                {
                    return false;
                }
        }
    }

    private sealed class Discard : ITextRecordFields
    {
        public static readonly Discard Instance = new();

        public void Add(string key, string value)
        {
        }

        public void Add(string key, long value)
        {
        }

        public void Add(string key, double value)
        {
        }

        public void Add(string key, bool value)
        {
        }
    }
}
