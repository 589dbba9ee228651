namespace WideEvents.Emit;

/// <summary>
/// Where Emit reports its own trouble (a handler that cannot write, records dropped because a
/// queue was full): standard error by default. These messages cannot be log records, since the
/// failing handler would carry them, so like Serilog's <c>SelfLog</c> they go to a plain callback.
/// </summary>
public static class WideEventsSelfLog
{
    private static Action<string>? s_output;

    /// <summary>Sends Emit's own messages to <paramref name="output"/> instead of standard error.</summary>
    public static void Enable(Action<string> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        s_output = output;
    }

    /// <summary>Sends Emit's own messages to standard error again.</summary>
    public static void Disable() => s_output = null;

    internal static void Write(string message)
    {
        var output = s_output;
        if (output is not null)
        {
            try
            {
                output(message);
            }
            catch (Exception)
            {
                // A broken diagnostics callback must not take the process down with it.
            }

            return;
        }

        try
        {
            Console.Error.WriteLine($"WideEvents: {message}");
        }
        catch (IOException)
        {
            // Nowhere left to say it; the process must keep running.
        }
    }
}
