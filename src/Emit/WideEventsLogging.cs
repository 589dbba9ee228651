using WideEvents.Emit.Logging;

namespace WideEvents.Emit;

/// <summary>Process-wide operations on every WideEvents logger provider in the process.</summary>
public static class WideEventsLogging
{
    /// <summary>
    /// Waits until every record logged before the call has been handed to its destination and
    /// flushed (a file written, a socket or gRPC batch sent), by every handler of every provider.
    /// Records keep being accepted meanwhile. Use it before a process hands its files on, or in a
    /// test before reading them.
    /// </summary>
    /// <param name="timeout">How long to wait at most.</param>
    /// <returns>True when everything was flushed; false when the timeout passed first.</returns>
    public static bool ForceFlush(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var all = true;
        foreach (var provider in WideEventsLoggerProvider.LiveProviders.Snapshot())
        {
            var left = deadline - DateTime.UtcNow;
            all &= provider.ForceFlush(left > TimeSpan.Zero ? left : TimeSpan.Zero);
        }

        return all;
    }
}
