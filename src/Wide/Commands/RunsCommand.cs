using System.CommandLine;
using WideEvents.Analyze.Records;
using WideEvents.Cli.Output;

namespace WideEvents.Cli.Commands;

/// <summary>
/// <c>wide runs</c>: the runs in the records, per user (the collector's <c>user</c> stamp), with
/// their hosts, first and last time and record count: a personal log across hosts and time.
/// </summary>
internal static class RunsCommand
{
    /// <summary>Keys that name a run, most specific first.</summary>
    private static readonly string[] RunKeys = ["run_id", "parsl_dfk", "run"];

    public static Command Create()
    {
        var input = new InputOptions();
        var command = new Command("runs", "List the runs in the records per user (the 'user' a collector stamps from the sender's token), with hosts, first and last time; --user NAME for one user's");
        input.AddTo(command);
        CommandAction.Set(command, parse =>
        {
            var loaded = input.Load(parse);
            var runs = loaded.Records
                .GroupBy(r => (User: r["user"].AsString ?? "(none)", Run: RunOf(r)))
                .Select(g => (g.Key.User, g.Key.Run, Records: g.Count(),
                    Hosts: g.Select(r => r["host"].AsString).Where(h => h is not null).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
                    First: g.Select(r => r.Time).Where(t => !double.IsNaN(t)).DefaultIfEmpty(double.NaN).Min(),
                    Last: g.Select(r => r.Time).Where(t => !double.IsNaN(t)).DefaultIfEmpty(double.NaN).Max()))
                .OrderBy(r => r.User, StringComparer.Ordinal).ThenBy(r => double.IsNaN(r.First) ? double.MaxValue : r.First)
                .ToList();
            if (runs.Count == 0)
            {
                parse.InvocationConfiguration.Error.WriteLine("wide: no records");
                return ExitCodes.NothingFound;
            }

            var table = new Table("user", "run", "hosts", "first", "last", "records");
            foreach (var run in runs)
            {
                table.Add(run.User, run.Run, string.Join(",", run.Hosts), loaded.Times.Format(run.First) ?? "", loaded.Times.Format(run.Last) ?? "", run.Records);
            }

            table.Write(parse.InvocationConfiguration.Output, loaded.Output);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string RunOf(Record r)
    {
        foreach (var key in RunKeys)
        {
            if (r.TryGet(key, out var value) && !value.IsNull)
            {
                return $"{key}={value}";
            }
        }

        return "(none)";
    }
}
