namespace WideEvents.Cli.Output;

internal static class OutputFormats
{
    public static OutputFormat From(bool json, bool csv) => (json, csv) switch
    {
        (true, true) => throw new CommandException("--json and --csv cannot be used together", ExitCodes.Usage),
        (true, _) => OutputFormat.Json,
        (_, true) => OutputFormat.Csv,
        _ => OutputFormat.Text,
    };
}
