using System.CommandLine;
using WideEvents.Analyze.Records;
using WideEvents.Cli.Kills;
using WideEvents.Cli.Output;

namespace WideEvents.Cli.Commands;

/// <summary><c>wide kills</c>: OOM-killer kills joined to the killed process and the task it was running.</summary>
internal static class KillsCommand
{
    public static Command Create()
    {
        var input = new InputOptions();
        var command = new Command("kills", "List OOM-killer kills (the shipper's kernel source) with the killed process's last record and task");
        input.AddTo(command);
        CommandAction.Set(command, parse =>
        {
            var loaded = input.Load(parse);
            var kills = OomKillJoin.Join(loaded.Records);
            if (kills.Count == 0)
            {
                parse.InvocationConfiguration.Error.WriteLine("wide: no OOM kills found (records with kernel_event oom_kill come from the shipper's Sources:Kernel)");
                return ExitCodes.NothingFound;
            }

            var table = new Table("time", "host", "pid", "process_name", "anon_rss_kb", "records", "task", "last_record_time", "last_record_source", "last_message");
            foreach (var k in kills)
            {
                table.Add(
                    loaded.Times.Format(k.Kill.Time),
                    k.Kill["host"].AsString ?? "",
                    k.Kill["pid"].ToString(),
                    k.Kill["process_name"].AsString ?? "",
                    k.Kill.TryGet("anon_rss_kb", out var rss) ? rss.ToString() : "",
                    k.Records,
                    k.Task is { } t ? $"{t.Key}={t.Value}" : "",
                    k.LastRecord is { } last ? loaded.Times.Format(last.Time) : "",
                    k.LastRecord?.Source ?? "",
                    k.LastRecord?.Message() ?? "");
            }

            table.Write(parse.InvocationConfiguration.Output, loaded.Output);
            return ExitCodes.Ok;
        });
        return command;
    }
}
