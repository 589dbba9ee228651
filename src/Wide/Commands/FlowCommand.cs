using System.CommandLine;
using WideEvents.Analyze.Reports;
using WideEvents.Cli.Output;

namespace WideEvents.Cli.Commands;

/// <summary><c>wide flow</c>: every record of one entity across all sources, in time order.</summary>
internal static class FlowCommand
{
    public static Command Create()
    {
        var input = new InputOptions();
        var entity = new Option<string>("--entity", "-e")
        {
            Description = "The entity as key=value[,key=value...], e.g. parsl_task_id=358",
            Required = true,
        };
        var command = new Command("flow", "Show the flow of one entity across all sources, sorted by time");
        input.AddTo(command);
        command.Options.Add(entity);
        CommandAction.Set(command, parse =>
        {
            var spec = EntitySpec.Parse(parse.GetValue(entity)!);
            var loaded = input.Load(parse);
            KeyCheck.RequireKeys(loaded.Records, spec.Pairs.Select(p => p.Key));
            var flows = FlowReport.ByRun(loaded.Records, spec);
            var stdout = parse.InvocationConfiguration.Output;
            if (flows.Count == 0)
            {
                parse.InvocationConfiguration.Error.WriteLine($"wide: no record has {spec}");
                return ExitCodes.NothingFound;
            }
            if (loaded.Output == OutputFormat.Text)
            {
                foreach (var flow in flows)
                {
                    var lines = flow.Lines;
                    var sources = lines.Select(l => l.Source).Distinct().Count();
                    var run = flows.Count > 1 || flow.Run is not null ? $" in run {flow.Run ?? "(none)"}" : "";
                    stdout.WriteLine($"=== About {spec}{run} ({lines.Count} records from {sources} sources) ===");
                    foreach (var l in lines)
                    {
                        var who = string.Join("/", new[] { l.Process, l.Thread }.Where(s => s is not null));
                        stdout.WriteLine($"{loaded.Times.Format(l.Time) ?? "(no time)",-32} {(double.IsNaN(l.Offset) ? "" : $"+{l.Offset:F6}"),12} {who} {l.Message} ({l.Source})");
                    }
                }
                return ExitCodes.Ok;
            }
            var table = new Table("run", "time", "offset", "process", "thread", "message", "source");
            foreach (var flow in flows)
            {
                foreach (var l in flow.Lines)
                {
                    table.Add(flow.Run, loaded.Times.Format(l.Time), l.Offset, l.Process, l.Thread, l.Message, l.Source);
                }
            }
            table.Write(stdout, loaded.Output);
            return ExitCodes.Ok;
        });
        return command;
    }
}
