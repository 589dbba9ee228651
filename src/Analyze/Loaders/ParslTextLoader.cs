using System.Globalization;
using System.Text.RegularExpressions;
using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Loaders;

/// <summary>
/// Plain-text Parsl logs, best effort: each line that starts like one of Parsl's format strings
/// starts a record; other lines (Config reprs, tracebacks) continue the previous message.
/// Times without a zone are read as UTC. Ids named in messages become keys (<see cref="ParslTextIds"/>).
/// </summary>
internal sealed partial class ParslTextLoader : IFileLoader
{
    private const string Date = @"(?<date>\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:[.,]\d+)?)";

    // parsl.log since Parsl #2328 (DEFAULT_FORMAT).
    [GeneratedRegex(@"^(?<created>\d+\.\d+) \d{4}-\d\d-\d\d \d\d:\d\d:\d\d (?<processName>\S+)-(?<process>\d+) (?<threadName>\S+)-(?<thread>\d+) (?<name>\S+):(?<lineno>\d+) (?<funcName>\S+) (?<levelname>[A-Z]+): ?(?<message>.*)$")]
    private static partial Regex DefaultFormat();

    // interchange.log (2025 format).
    [GeneratedRegex(@"^" + Date + @" (?<name>\S+):(?<lineno>\d+) (?<processName>\S+)\((?<process>\d+)\) (?<threadName>\S+) (?<funcName>\S+) \[(?<levelname>[A-Z]+)\] ?(?<message>.*)$")]
    private static partial Regex InterchangeFormat();

    // manager.log and worker_N.log (2025 format).
    [GeneratedRegex(@"^" + Date + @" (?<name>\S+):(?<lineno>\d+) (?<process>\d+) (?<threadName>\S+) \[(?<levelname>[A-Z]+)\] {0,2}(?<message>.*)$")]
    private static partial Regex PoolFormat();

    // database_manager.log (2025 format).
    [GeneratedRegex(@"^" + Date + @" (?<name>\S+):(?<lineno>\d+) \[(?<levelname>[A-Z]+)\] \[(?<threadName>\S+) (?<thread>\d+)\] (?<message>.*)$")]
    private static partial Regex DatabaseManagerFormat();

    // parsl.log before #2328.
    [GeneratedRegex(@"^" + Date + @" (?<name>\S+):(?<lineno>\d+) \[(?<levelname>[A-Z]+)\] {0,2}(?<message>.*)$")]
    private static partial Regex OldFormat();

    private static readonly Regex[] Formats =
        [DefaultFormat(), InterchangeFormat(), PoolFormat(), DatabaseManagerFormat(), OldFormat()];

    private static readonly string[] Groups =
        ["processName", "process", "threadName", "thread", "name", "lineno", "funcName", "levelname"];

    internal static bool LooksLikeParslText(string firstLine) => Formats.Any(f => f.IsMatch(firstLine));

    public List<Record> Load(string path, out int badLines)
    {
        var records = new List<Record>();
        badLines = 0;
        Record? current = null;
        string? message = null;
        foreach (var line in File.ReadLines(path))
        {
            var match = Match(line);
            if (match is null)
            {
                if (current is null)
                {
                    badLines++;
                }
                else
                {
                    message += "\n" + line;
                }
                continue;
            }
            Finish(current, message);
            current = ToRecord(match, path);
            message = match.Groups["message"].Value;
            records.Add(current);
        }
        Finish(current, message);
        return records;
    }

    private static Match? Match(string line)
    {
        if (line.Length < 20 || !char.IsAsciiDigit(line[0]))
        {
            return null;
        }
        foreach (var format in Formats)
        {
            var m = format.Match(line);
            if (m.Success)
            {
                return m;
            }
        }
        return null;
    }

    private static Record ToRecord(Match m, string path)
    {
        var r = new Record(path, 12);
        var created = m.Groups["created"];
        if (created.Success)
        {
            r.Set("created", double.Parse(created.Value, CultureInfo.InvariantCulture));
        }
        else
        {
            var text = m.Groups["date"].Value.Replace(',', '.');
            var dt = DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
            r.Set("created", (dt.Ticks - DateTime.UnixEpoch.Ticks) / (double)TimeSpan.TicksPerSecond);
        }
        foreach (var g in Groups)
        {
            var group = m.Groups[g];
            if (group.Success)
            {
                r.Set(g, g is "process" or "thread" or "lineno" ? Value.From(long.Parse(group.Value, CultureInfo.InvariantCulture)) : Value.From(group.Value));
            }
        }
        return r;
    }

    private static void Finish(Record? record, string? message)
    {
        if (record is null || message is null)
        {
            return;
        }
        record.Set("message", message);
        ParslTextIds.Add(record, message);
    }
}
