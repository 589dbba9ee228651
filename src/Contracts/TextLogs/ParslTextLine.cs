using System.Globalization;
using System.Text.RegularExpressions;

namespace WideEvents.Contracts.TextLogs;

/// <summary>
/// Plain-text Parsl logs, best effort: a line that starts like one of Parsl's format strings
/// starts an entry; other lines (Config reprs, tracebacks) continue the entry before it, so the
/// callers join them into its message. Times without a zone are read as UTC. Ids named in
/// messages become keys (<see cref="ParslTextIds"/>).
/// </summary>
internal static partial class ParslTextLine
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

    public static bool LooksLikeParslText(string line) => Header(line) is not null;

    /// <summary>The line's header when it starts an entry; null when it continues one (or is no Parsl line).</summary>
    public static Match? Header(string line)
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

    /// <summary>The first line of the entry's message (what follows the header).</summary>
    public static string FirstMessageLine(Match header) => header.Groups["message"].Value;

    /// <summary>Adds an entry's fields: <c>created</c> (Unix seconds), the header's parts, <c>message</c> (all its lines) and the ids it names.</summary>
    public static void Add(ITextRecordFields fields, Match header, string message)
    {
        fields.Add("created", Created(header));
        foreach (var g in Groups)
        {
            var group = header.Groups[g];
            if (!group.Success)
            {
                continue;
            }
            if (g is "process" or "thread" or "lineno")
            {
                fields.Add(g, long.Parse(group.Value, CultureInfo.InvariantCulture));
            }
            else
            {
                fields.Add(g, group.Value);
            }
        }
        fields.Add("message", message);
        ParslTextIds.Add(fields, message);
    }

    /// <summary>The entry's time as Unix seconds.</summary>
    public static double Created(Match header)
    {
        var created = header.Groups["created"];
        if (created.Success)
        {
            return double.Parse(created.Value, CultureInfo.InvariantCulture);
        }
        var text = header.Groups["date"].Value.Replace(',', '.');
        var dt = DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
        return (dt.Ticks - DateTime.UnixEpoch.Ticks) / (double)TimeSpan.TicksPerSecond;
    }
}
