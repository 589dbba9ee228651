using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using WideEvents.Cli.Commands;

namespace WideEvents.Cli;

/// <summary>
/// Builds the <c>wide</c> command line. Public so that other assemblies (and later commands such as
/// <c>wide plot</c>) can add to the same root, and so tests can run commands in-process.
/// </summary>
public static class WideCli
{
    /// <summary>The root command with every built-in subcommand and the global options (<c>--quiet</c>, <c>--local</c>).</summary>
    public static RootCommand BuildRootCommand()
    {
        var root = new RootCommand("wide: load wide-event logs from many sources, join them, and report flows, common paths, states, metrics and spans.");
        GlobalOptions.AddTo(root);
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
        root.Subcommands.Add(LintCommand.Create());
        root.Subcommands.Add(VolumeCommand.Create());
        root.Subcommands.Add(KillsCommand.Create());
        root.Subcommands.Add(RunsCommand.Create());
        root.Subcommands.Add(HeartbeatsCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(QueryCommand.Create());
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>, writing to the given writers.</summary>
    /// <returns>The exit code (see <see cref="ExitCodes"/>): 0 success, 1 the analysis found nothing, 2 a usage error.</returns>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var parse = BuildRootCommand().Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is ParseErrorAction)
        {
            // The errors on stderr and where to find help, not the whole help on stdout: a script
            // reading stdout gets nothing, a person gets the one line that matters.
            foreach (var e in parse.Errors)
            {
                error.WriteLine($"wide: error: {UsageErrors.Describe(e)}");
            }
            var names = new List<string>();
            for (SymbolResult? r = parse.CommandResult; r is CommandResult c; r = c.Parent)
            {
                names.Add(c.Command is RootCommand ? "wide" : c.Command.Name);
            }
            names.Reverse();
            error.WriteLine($"Run '{string.Join(" ", names)} --help' for usage.");
            return ExitCodes.Usage;
        }
        // Output and errors take the progress spinner off the screen before they are written.
        using var status = new WorkStatus(WorkStatus.TerminalConsole(error));
        var outer = WorkStatus.Current;   // wide demo runs commands inside its own
        WorkStatus.Current = status;
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = new StatusStoppingWriter(output, status), Error = new StatusStoppingWriter(error, status) });
        }
        finally
        {
            status.Stop();
            WorkStatus.Current = outer;
        }
    }
}
