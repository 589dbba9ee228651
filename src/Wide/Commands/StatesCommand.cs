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
        var command = new Command("states", "Show how many entities are in each state over time (Parsl task states from logs or monitoring.db, Work Queue TASK lines, TaskFarm, or your own --lifecycle)");
        input.AddTo(command);
        CommandAction.Set(command, parse =>
        {
            var loaded = input.Load(parse);
            var timelines = StateReport.Build(loaded.Records, loaded.Lifecycles);
            var stdout = parse.InvocationConfiguration.Output;
            var origin = loaded.Records.Select(r => r.Time).Where(t => !double.IsNaN(t)).DefaultIfEmpty(0).Min();
            if (timelines.Count == 0)
            {
                parse.InvocationConfiguration.Error.WriteLine("wide: no state-change records found");
                return ExitCodes.NothingFound;
            }
            foreach (var t in timelines)
            {
                if (loaded.Output == OutputFormat.Text)
                {
                    var end = t.Points.Count > 0 ? t.Points[^1].Counts : [];
                    var final = string.Join(", ", t.States.Select((st, i) => (st, n: end.Count > i ? end[i] : 0)).Where(x => x.n != 0).Select(x => $"{x.st} {x.n}"));
                    stdout.WriteLine($"{t.Name}: {t.Entities} entities, {t.Points.Count} changes, {t.IgnoredEvents} duplicate or late state records ignored, {t.Retries} retries");
                    stdout.WriteLine($"  at the end: {final}; {t.Unfinished} with no final state (they stay in their last state)");
                }
                // Every state of the lifecycle, in every output: the table, the CSV and the JSON
                // show the same columns, and they do not change with the run.
                var columns = new List<string> { "timeline", "time", "offset_s" };
                columns.AddRange(t.States);
                var table = new Table([.. columns]);
                // Offsets from the first record of the input, as the HTML report and the trace count
                // them (a Work Queue log's MANAGER START, a Parsl run's first line), not from the first state change.
                var start = origin;
                foreach (var p in t.Points)
                {
                    var cells = new List<object?> { t.Name, Times.Utc(p.Time), p.Time - start };
                    cells.AddRange(p.Counts.Select(n => (object?)n));
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
