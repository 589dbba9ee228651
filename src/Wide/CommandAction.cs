using System.CommandLine;
using WideEvents.Analyze.Loaders;

namespace WideEvents.Cli;

/// <summary>Runs a command body, turning expected failures into a one-line message and an exit code.</summary>
public static class CommandAction
{
    /// <summary>Sets <paramref name="body"/> as the action of <paramref name="command"/>.</summary>
    public static void Set(Command command, Func<ParseResult, int> body) =>
        command.SetAction(parseResult => Run(parseResult, body));

    /// <summary>Runs <paramref name="body"/>; a <see cref="CommandException"/>, an I/O error or any other failure prints <c>wide: error: ...</c> on stderr, without a type name.</summary>
    public static int Run(ParseResult parseResult, Func<ParseResult, int> body)
    {
        try
        {
            return body(parseResult);
        }
        catch (CommandException e)
        {
            parseResult.InvocationConfiguration.Error.WriteLine($"wide: error: {e.Message}");
            return e.ExitCode;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            parseResult.InvocationConfiguration.Error.WriteLine($"wide: error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Anything else is a failed analysis: its message, never the exception's type name or
            // a stack trace, which mean nothing to the person who typed the command.
            parseResult.InvocationConfiguration.Error.WriteLine($"wide: error: {e.Message}");
            return ExitCodes.NothingFound;
        }
    }

    internal static string Describe(LoadResult result) =>
        $"{result.Records.Count} records from {result.Files.Count} files ({result.Skipped.Count} skipped)";
}
