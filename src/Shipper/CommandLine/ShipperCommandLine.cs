using System.CommandLine;

namespace WideEvents.Shipper.CommandLine;

/// <summary>
/// The <c>wide-shipper</c> command line, on System.CommandLine as <c>wide</c>'s is:
/// <c>run</c> and <c>status</c>, each with <c>--config FILE</c> and configuration overrides
/// (<c>--Section:Key=Value</c>), plus <c>--help</c> per command and <c>--version</c>.
/// </summary>
internal static class ShipperCommandLine
{
    private const string OverridesHelp =
        "Overrides use configuration paths, e.g. --Grpc:Port=4319 --Sinks:Stores:0:Directory=/srv/store. " +
        "Environment variables prefixed WIDE_SHIPPER_ override the file too (WIDE_SHIPPER_Grpc__Port=4319).";

    public static RootCommand Build()
    {
        var root = new RootCommand(
            "wide-shipper: the WideEvents sidecar and collector. Exit codes: 0 success; 1 a part failed " +
            "(run) or no shipper is running (status); 2 invalid command line or configuration, or a " +
            "directory in use; 3 the running shipper's status is stale (status).");
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(StatusCommandLine.Create());
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; parse errors exit 2, as configuration errors do.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        ParseResult parse = Build().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (System.CommandLine.Parsing.ParseError problem in parse.Errors)
            {
                error.WriteLine(problem.Message);
            }

            error.WriteLine("Run 'wide-shipper --help' or 'wide-shipper COMMAND --help' for usage.");
            return ShipperExitCodes.Refused;
        }

        // The host handles SIGTERM and SIGINT itself (a graceful stop within its shutdown timeout).
        var invocation = new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null };
        return await parse.InvokeAsync(invocation).ConfigureAwait(false);
    }

    /// <summary><c>--config FILE</c>, required, and the file must exist.</summary>
    public static Option<FileInfo> ConfigOption()
    {
        var config = new Option<FileInfo>("--config")
        {
            Description = "The shipper's JSON configuration file (docs/shipper.md)",
            Required = true,
        };
        config.Validators.Add(result =>
        {
            FileInfo? file = result.GetValueOrDefault<FileInfo>();
            if (file is not null && !file.Exists)
            {
                result.AddError($"No configuration file at {file.FullName}.");
            }
        });
        return config;
    }

    /// <summary>A command whose unrecognised <c>--Key=Value</c> tokens are configuration overrides.</summary>
    public static Command WithOverrides(Command command)
    {
        command.TreatUnmatchedTokensAsErrors = false;
        command.Description += " " + OverridesHelp;
        return command;
    }

    /// <summary>The override tokens in their order (<c>--Key=Value</c> or <c>--Key Value</c>), for the configuration's command-line source.</summary>
    public static string[] Overrides(ParseResult parse) => [.. parse.UnmatchedTokens];
}
