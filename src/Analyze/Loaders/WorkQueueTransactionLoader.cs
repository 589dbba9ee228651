using WideEvents.Analyze.Records;
using WideEvents.Contracts.TextLogs;

namespace WideEvents.Analyze.Loaders;

/// <summary>
/// Work Queue and TaskVine transaction logs, line by line with <see cref="WorkQueueTransactionLine"/>
/// (the parser the shipper's live translation uses too). One file may hold several managers' lines
/// (the manual quotes both systems): a manager any of whose lines shows TaskVine's grammar is
/// TaskVine, for all its records, as read here with the whole file at hand.
/// </summary>
internal sealed class WorkQueueTransactionLoader : IFileLoader
{
    public List<Record> Load(string path, out int badLines)
    {
        var records = new List<(Record Record, string Manager)>();
        var vine = new HashSet<string>(StringComparer.Ordinal);
        badLines = 0;
        foreach (var raw in File.ReadLines(path))
        {
            var fields = new RecordTextFields(new Record(path, 12));
            switch (WorkQueueTransactionLine.Parse(raw, fields, out var manager, out var showsTaskVine))
            {
                case TransactionLineKind.Bad:
                    badLines++;
                    continue;
                case TransactionLineKind.Skipped:
                    continue;
            }
            if (showsTaskVine)
            {
                vine.Add(manager);
            }
            records.Add((fields.Record, manager));
        }
        foreach (var (record, manager) in records)
        {
            WorkQueueTransactionLine.AddSystem(new RecordTextFields(record), vine.Contains(manager));
        }
        return records.ConvertAll(r => r.Record);
    }
}
