using System.CommandLine;
using WideEvents.Cli.Commands;

namespace WideEvents.Cli;

/// <summary>
/// Builds the <c>wide</c> command line. Public so that other assemblies (and later commands such as
/// <c>wide plot</c>) can add to the same root, and so tests can run commands in-process.
/// </summary>
public static class WideCli
{
    /// <summary>The root command with every built-in subcommand.</summary>
    public static RootCommand BuildRootCommand()
    {
        var root = new RootCommand("wide: load wide-event logs from many sources, join them, and report flows, common paths, states, metrics and spans.");
        root.Subcommands.Add(LoadCommand.Create());
        root.Subcommands.Add(FlowCommand.Create());
        root.Subcommands.Add(CommonCommand.Create());
        root.Subcommands.Add(StatesCommand.Create());
        root.Subcommands.Add(MetricCommand.Create());
        root.Subcommands.Add(SpansCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(TraceCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(PlotCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>, writing to the given writers.</summary>
    /// <returns>The exit code: 0 success, 1 usage error, 2 bad input, 3 nothing to report.</returns>
    public static int Run(string[] args, TextWriter output, TextWriter error) =>
        BuildRootCommand().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
}
