using System.CommandLine;
using WideEvents.Analyze.Reports;
using WideEvents.Cli.Output;

namespace WideEvents.Cli.Commands;

/// <summary><c>wide spans</c>: span durations by span name.</summary>
internal static class SpansCommand
{
    public static Command Create()
    {
        var input = new InputOptions();
        var command = new Command("spans", "Show span durations by name (span_event start/end pairs, and 'X: start' / 'X: end' messages)");
        input.AddTo(command);
        CommandAction.Set(command, parse =>
        {
            var loaded = input.Load(parse);
            var spans = SpanReport.Build(loaded.Records);
            var stdout = parse.InvocationConfiguration.Output;
            if (spans.Count == 0)
            {
                parse.InvocationConfiguration.Error.WriteLine("wide: no spans found");
                return ExitCodes.NothingFound;
            }
            var table = new Table("count", "failed", "unmatched", "mean_s", "median_s", "p95_s", "max_s", "span");
            foreach (var s in spans)
            {
                table.Add(s.Count, s.Failed, s.Unmatched, s.Mean, s.Median, s.P95, s.Max, s.Name);
            }
            table.Write(stdout, loaded.Output);
            return ExitCodes.Ok;
        });
        return command;
    }
}
