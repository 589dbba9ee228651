using System.CommandLine;
using WideEvents.Analyze.Visuals.Report;

namespace WideEvents.Cli.Commands;

/// <summary><c>wide report</c>: one self-contained HTML page (summary, common path, states, metrics, slowest entities).</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var input = new InputOptions("an HTML file (-o)");
        var output = new Option<string>("--output", "-o") { Description = "The HTML file to write", Required = true };
        var title = new Option<string?>("--title") { Description = "The page title (default: WideEvents report)" };
        var command = new Command("report", "Write one self-contained HTML report: summary, common path with its bottleneck, entities in each state, metric charts, slowest entities with their flows");
        input.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(title);
        CommandAction.Set(command, parse =>
        {
            var loaded = input.Load(parse);
            if (loaded.Records.Count == 0)
            {
                parse.InvocationConfiguration.Error.WriteLine("wide: no records loaded");
                return ExitCodes.NothingFound;
            }
            var path = parse.GetValue(output)!;
            var options = new HtmlReportOptions
            {
                Title = parse.GetValue(title) ?? "WideEvents report",
                Lifecycles = loaded.Lifecycles,
                Subtitle = $"{CommandAction.Describe(loaded.Result)}: {string.Join(" ", parse.GetValue(input.Paths) ?? [])}",
            };
            using (var file = File.Create(path))
            {
                HtmlReport.Write(loaded.Records, file, options);
            }
            parse.InvocationConfiguration.Output.WriteLine($"wrote {path}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
