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
            // Offsets from the first record of the input, as the HTML report and the trace count
            // them (a Work Queue log's MANAGER START, a Parsl run's first line), not from the first state change.
            if (loaded.Output != OutputFormat.Text)
            {
                // One table, one header: timelines with different lifecycles share the columns of
                // every state of any of them, the same in CSV and JSON, so a file loads as one table.
                var states = timelines.SelectMany(t => t.States).Distinct(StringComparer.Ordinal).ToList();
                var all = new Table([.. new[] { "timeline", "time", "offset_s" }.Concat(states)]);
                foreach (var t in timelines)
                {
                    var column = t.States.Select(st => states.IndexOf(st)).ToArray();
                    foreach (var p in t.Points)
                    {
                        var cells = new object?[3 + states.Count];
                        (cells[0], cells[1], cells[2]) = (t.Name, loaded.Times.Format(p.Time), p.Time - origin);
                        for (var i = 0; i < p.Counts.Count; i++)
                        {
                            cells[3 + column[i]] = p.Counts[i];
                        }
                        all.Add(cells);
                    }
                }
                all.Write(stdout, loaded.Output);
                return ExitCodes.Ok;
            }
            foreach (var t in timelines)
            {
                var end = t.Points.Count > 0 ? t.Points[^1].Counts : [];
                var final = string.Join(", ", t.States.Select((st, i) => (st, n: end.Count > i ? end[i] : 0)).Where(x => x.n != 0).Select(x => $"{x.st} {x.n}"));
                stdout.WriteLine($"{t.Name}: {t.Entities} entities, {t.Points.Count} changes, {t.IgnoredEvents} duplicate or late state records ignored, {t.Retries} retries");
                stdout.WriteLine($"  at the end: {final}; {t.Unfinished} with no final state (they stay in their last state)");
                // Every state of the lifecycle: the table does not change its columns with the run.
                var table = new Table([.. new[] { "timeline", "time", "offset_s" }.Concat(t.States)]);
                foreach (var p in t.Points)
                {
                    table.Add([t.Name, loaded.Times.Format(p.Time), p.Time - origin, .. p.Counts.Select(n => (object?)n)]);
                }
                table.WriteText(stdout);
                stdout.WriteLine();
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
