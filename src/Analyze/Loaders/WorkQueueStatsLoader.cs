using System.Globalization;
using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Loaders;

/// <summary>
/// Work Queue's stats log (<c>master_log</c>): <c># timestamp col col ...</c> then rows of numbers.
/// Each row becomes a record whose keys are the header's column names, so every column is a metric.
/// </summary>
internal sealed class WorkQueueStatsLoader : IFileLoader
{
    public List<Record> Load(string path, out int badLines)
    {
        var records = new List<Record>();
        badLines = 0;
        string[]? header = null;
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }
            if (line[0] == '#')
            {
                header ??= line.TrimStart('#').Split(' ', StringSplitOptions.RemoveEmptyEntries);
                continue;
            }
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (header is null || f.Length == 0 || !long.TryParse(f[0], NumberStyles.None, CultureInfo.InvariantCulture, out var us))
            {
                badLines++;
                continue;
            }
            var r = new Record(path, header.Length + 1);
            r.Set("created", us / 1e6);
            for (var i = 1; i < f.Length && i < header.Length; i++)
            {
                if (long.TryParse(f[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
                {
                    r.Set(header[i], l);
                }
                else if (double.TryParse(f[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
                {
                    r.Set(header[i], d);
                }
            }
            records.Add(r);
        }
        return records;
    }
}
