using System.CommandLine;
using WideEvents.Analyze.Reports;
using WideEvents.Cli.Output;

namespace WideEvents.Cli.Commands;

/// <summary><c>wide states</c>: entities in each state over time.</summary>
internal static class StatesCommand
{
    public static Command Create()
    {
        var input = new InputOptions();
        var command = new Command("states", "Show how many entities are in each state over time (Parsl task states from logs or monitoring.db, Work Queue TASK lines)");
        input.AddTo(command);
        CommandAction.Set(command, parse =>
        {
            var loaded = input.Load(parse);
            var timelines = StateReport.Build(loaded.Records);
            var stdout = parse.InvocationConfiguration.Output;
            if (timelines.Count == 0)
            {
                parse.InvocationConfiguration.Error.WriteLine("wide: no state-change records found");
                return ExitCodes.NothingFound;
            }
            foreach (var t in timelines)
            {
                if (loaded.Output == OutputFormat.Text)
                {
                    stdout.WriteLine($"{t.Name}: {t.Entities} entities, {t.Points.Count} changes, {t.IgnoredEvents} duplicate or late state records ignored");
                }
                // People get only the states that occur; machines get every state, so columns are stable.
                var shown = Enumerable.Range(0, t.States.Count)
                    .Where(i => loaded.Output != OutputFormat.Text || t.Points.Any(p => p.Counts[i] != 0))
                    .ToList();
                var columns = new List<string> { "timeline", "time", "offset_s" };
                columns.AddRange(shown.Select(i => t.States[i]));
                var table = new Table([.. columns]);
                var start = t.Points.Count > 0 ? t.Points[0].Time : 0;
                foreach (var p in t.Points)
                {
                    var cells = new List<object?> { t.Name, Times.Utc(p.Time), p.Time - start };
                    cells.AddRange(shown.Select(i => (object?)p.Counts[i]));
                    table.Add([.. cells]);
                }
                table.Write(stdout, loaded.Output);
                if (loaded.Output == OutputFormat.Text)
                {
                    stdout.WriteLine();
                }
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
