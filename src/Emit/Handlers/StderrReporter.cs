namespace WideEvents.Emit.Handlers;

/// <summary>
/// The one place Emit talks about its own trouble. Logging failures must not become log
/// records (that would loop through the failing handler), so they go to stderr.
/// </summary>
internal static class StderrReporter
{
    public static void Report(string message)
    {
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
