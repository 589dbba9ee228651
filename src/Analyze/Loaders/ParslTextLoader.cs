using System.Text;
using System.Text.RegularExpressions;
using WideEvents.Analyze.Records;
using WideEvents.Contracts.TextLogs;

namespace WideEvents.Analyze.Loaders;

/// <summary>
/// Plain-text Parsl logs (<see cref="ParslTextLine"/>, the parser the shipper's live translation
/// uses too): each line that starts like one of Parsl's format strings starts a record; other
/// lines (Config reprs, tracebacks) continue the previous message.
/// </summary>
internal sealed class ParslTextLoader : IFileLoader
{
    public List<Record> Load(string path, out int badLines)
    {
        var records = new List<Record>();
        badLines = 0;
        Match? header = null;
        var message = new StringBuilder();
        foreach (var line in File.ReadLines(path))
        {
            var next = ParslTextLine.Header(line);
            if (next is null)
            {
                if (header is null)
                {
                    badLines++;
                }
                else
                {
                    message.Append('\n').Append(line);
                }
                continue;
            }
            Finish(records, path, header, message);
            header = next;
            message.Clear().Append(ParslTextLine.FirstMessageLine(next));
        }
        Finish(records, path, header, message);
        return records;
    }

    private static void Finish(List<Record> records, string path, Match? header, StringBuilder message)
    {
        if (header is null)
        {
            return;
        }
        var fields = new RecordTextFields(new Record(path, 12));
        ParslTextLine.Add(fields, header, message.ToString());
        records.Add(fields.Record);
    }
}
