using System.CommandLine;
using WideEvents.Analyze.Visuals.Plots;

namespace WideEvents.Cli.Commands;

/// <summary><c>wide plot KIND</c>: PNG or SVG images (by the output's extension) drawn with ScottPlot.</summary>
internal static class PlotCommand
{
    public static Command Create()
    {
        var command = new Command("plot", "Draw a PNG or SVG image (chosen by the -o extension): states, metric NAME, timelines, common, histogram, messages");
        command.Subcommands.Add(Kind("states", "Entities in each state over time, as exact step functions", PlotKind.States));
        command.Subcommands.Add(Kind("metric", "One metric over time, every sample held until the next", PlotKind.Metric));
        command.Subcommands.Add(Kind("timelines", "One bar per task from running to done, coloured by --color-by", PlotKind.Timelines));
        command.Subcommands.Add(Kind("common", "The common path as a latency waterfall, bottleneck in red", PlotKind.Common));
        command.Subcommands.Add(Kind("histogram", "Histograms of the time spent in each state", PlotKind.Histogram));
        command.Subcommands.Add(Kind("messages", "A sequence diagram of messages (message_id, sender, receiver) between agents or processes", PlotKind.Messages));
        return command;
    }

    private static Command Kind(string name, string description, PlotKind kind)
    {
        var input = new InputOptions("an image (-o)");
        var metric = new Argument<string>("name") { Description = "The metric: a record's 'metric' value, or a numeric key" };
        var output = new Option<string>("--output", "-o") { Description = "The image to write: .png or .svg", Required = true };
        var colorBy = new Option<string>("--color-by") { Description = "Key whose value colours the bars", DefaultValueFactory = _ => "parsl_app_name" };
        var width = new Option<int>("--width") { Description = "Width in pixels", DefaultValueFactory = _ => 1000 };
        var height = new Option<int>("--height") { Description = "Height in pixels", DefaultValueFactory = _ => 600 };
        var command = new Command(name, description);
        if (kind == PlotKind.Metric)
        {
            command.Arguments.Add(metric);
        }
        input.AddTo(command);
        command.Options.Add(output);
        if (kind == PlotKind.Timelines)
        {
            command.Options.Add(colorBy);
        }
        command.Options.Add(width);
        command.Options.Add(height);
        CommandAction.Set(command, parse =>
        {
            var path = parse.GetValue(output)!;
            if (!path.EndsWith(".png", StringComparison.OrdinalIgnoreCase) && !path.EndsWith(".svg", StringComparison.OrdinalIgnoreCase))
            {
                throw new CommandException("-o must end in .png or .svg");
            }
            if (parse.GetValue(width) is < 100 or > 20000 || parse.GetValue(height) is < 100 or > 20000)
            {
                throw new CommandException("--width and --height must be between 100 and 20000");
            }
            var loaded = input.Load(parse);
            var options = new PlotOptions
            {
                Kind = kind,
                Metric = kind == PlotKind.Metric ? parse.GetValue(metric) : null,
                ColorBy = parse.GetValue(colorBy) ?? "parsl_app_name",
                Width = parse.GetValue(width),
                Height = parse.GetValue(height),
            };
            PlotResult result;
            try
            {
                result = Plots.Save(loaded.Records, options, path);
            }
            catch (InvalidOperationException e)
            {
                parse.InvocationConfiguration.Error.WriteLine($"wide: {e.Message}");
                return ExitCodes.NothingFound;
            }
            parse.InvocationConfiguration.Output.WriteLine($"wrote {result.Path}: {result.Description}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
