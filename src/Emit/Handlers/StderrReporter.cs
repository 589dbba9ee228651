namespace WideEvents.Emit.Handlers;

/// <summary>
/// The one place Emit talks about its own trouble. Logging failures must not become log
/// records (that would loop through the failing handler), so they go to <see cref="WideEventsSelfLog"/>.
/// </summary>
internal static class StderrReporter
{
    public static void Report(string message) => WideEventsSelfLog.Write(message);
}
