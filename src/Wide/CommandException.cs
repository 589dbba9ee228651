namespace WideEvents.Cli;

/// <summary>An error shown to the user as one line, without a stack trace, ending the command with <see cref="ExitCode"/>.</summary>
/// <param name="message">The message for the user.</param>
/// <param name="exitCode">The exit code (see <see cref="ExitCodes"/>).</param>
public sealed class CommandException(string message, int exitCode = ExitCodes.BadInput) : Exception(message)
{
    /// <summary>The exit code.</summary>
    public int ExitCode { get; } = exitCode;
}
