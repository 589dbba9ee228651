using System.Text.Json;
using WideEvents.Analyze.Loaders;
using WideEvents.Contracts.TextLogs;

namespace WideEvents.Cli.Lint;

/// <summary>
/// The line of its file each record of a file was read from: records carry no line number, but
/// a file's records come in its order, so the n-th record is on the n-th line that is one (for a
/// Parsl text log, the n-th header line, recognised by the loader's own parser). A database has
/// no lines: its n-th row is given as n.
/// </summary>
internal static class RecordLines
{
    public static IReadOnlyList<int> Of(string path, LogFormat format)
    {
        var lines = new List<int>();
        var number = 0;
        switch (format)
        {
            case LogFormat.JsonLines or LogFormat.ParslText or LogFormat.WorkQueueTransactions:
                foreach (var line in File.ReadLines(path))
                {
                    number++;
                    if (IsRecord(line, format))
                    {
                        lines.Add(number);
                    }
                }
                break;
        }
        return lines;
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
