using Microsoft.Extensions.Logging;
using ZLogger;

namespace WideEvents.TaskFarm.Hosting;

/// <summary>
/// For the overhead benchmark only: the same calls written by a peer library instead, so the cost
/// of WideEvents can be set beside what a fast logging provider costs in the same workload.
/// <c>TASKFARM_PEER_LOGGER=zlogger</c> with <c>TASKFARM_PEER_DIRECTORY=DIR</c> (inherited by the
/// child processes) adds ZLogger's JSON file provider, one file per process; run it with
/// <c>--wide-events off</c> so WideEvents writes nothing. ZLogger knows nothing of bound loggers,
/// so its records lack the bound identity fields: it writes the same records with fewer fields.
/// </summary>
internal static class PeerLogging
{
    public static void AddIfAsked(ILoggingBuilder logging, string component)
    {
        var peer = Environment.GetEnvironmentVariable("TASKFARM_PEER_LOGGER");
        if (string.IsNullOrEmpty(peer))
        {
            return;
        }

        if (peer != "zlogger")
        {
            throw new ArgumentException($"TASKFARM_PEER_LOGGER must be 'zlogger', not '{peer}'");
        }

        var directory = Environment.GetEnvironmentVariable("TASKFARM_PEER_DIRECTORY")
            ?? throw new ArgumentException("TASKFARM_PEER_DIRECTORY must name the directory for the peer's files");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{component}-{Environment.ProcessId}.jsonl");

        // As the Emit benchmark configures it: JSON lines, scopes included, a bounded queue that
        // blocks when full (nothing dropped), UTC timestamps.
        logging.AddZLoggerFile(path, options =>
        {
            options.IncludeScopes = true;
            options.FullMode = BackgroundBufferFullMode.Block;
            options.BackgroundBufferCapacity = 65_536;
            options.UseJsonFormatter(formatter => formatter.UseUtcTimestamp = true);
        });
    }
}
