using System.Globalization;
using System.CommandLine;
using WideEvents.Analyze.Reports;
using WideEvents.Cli.Output;

namespace WideEvents.Cli.Commands;

/// <summary><c>wide heartbeats</c>: per process, whether it stopped cleanly or went silent (died or hung), from its heartbeat records.</summary>
internal static class HeartbeatsCommand
{
    public static Command Create()
    {
        var input = new InputOptions();
        var command = new Command("heartbeats", "Show, per process, whether it stopped cleanly or its heartbeats stopped before its last record or the run's end (died or hung at T)");
        input.AddTo(command);
        CommandAction.Set(command, parse =>
        {
            var loaded = input.Load(parse);
            var rows = HeartbeatReport.Build(loaded.Records);
            var table = new Table("process", "beats", "last_beat", "verdict", "detail");
            foreach (var row in rows)
            {
                table.Add(row.Process, row.Beats, double.IsNaN(row.LastBeat) ? "" : DateTime.UnixEpoch.AddSeconds(row.LastBeat).ToString("O", CultureInfo.InvariantCulture), row.Verdict, row.Detail);
            }

            table.Write(parse.InvocationConfiguration.Output, loaded.Output);

            // Like lint, for scripts and CI: 1 when some process died or hung.
            return rows.Any(r => r.Verdict is "hung" or "died or hung") ? ExitCodes.ProcessSilent : ExitCodes.Ok;
        });
        return command;
    }
}
