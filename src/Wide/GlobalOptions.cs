using System.CommandLine;

namespace WideEvents.Cli;

/// <summary>The options every command takes, defined once on the root command: <c>--quiet</c> and <c>--local</c>.</summary>
internal static class GlobalOptions
{
    private const string QuietName = "--quiet";
    private const string LocalName = "--local";

    /// <summary>Adds the options to <paramref name="root"/>, for it and every subcommand.</summary>
    public static void AddTo(RootCommand root)
    {
        root.Options.Add(new Option<bool>(QuietName, "-q")
        {
            Description = "Print no notes or progress on stderr (skipped files, rules applied, conflicts); errors and warnings still show",
            Recursive = true,
        });
        root.Options.Add(new Option<bool>(LocalName)
        {
            Description = "Print times in this machine's time zone instead of UTC (every time carries its offset either way)",
            Recursive = true,
        });
    }

    /// <summary>Whether <c>--quiet</c> was given.</summary>
    public static bool Quiet(ParseResult parse) => parse.GetValue<bool>(QuietName);

    /// <summary>The zone that times are printed in: UTC unless <c>--local</c>.</summary>
    public static TimeZoneInfo Zone(ParseResult parse) => parse.GetValue<bool>(LocalName) ? TimeZoneInfo.Local : TimeZoneInfo.Utc;
}
