using System.CommandLine;
using WideEvents.Analyze.Visuals.Trace;

namespace WideEvents.Cli.Commands;

/// <summary><c>wide trace</c>: a Chrome trace-event JSON file for Perfetto (ui.perfetto.dev) or chrome://tracing.</summary>
internal static class TraceCommand
{
    public static Command Create()
    {
        var input = new InputOptions("a Chrome trace file (-o)");
        var output = new Option<string>("--output", "-o") { Description = "The trace file to write (JSON)", Required = true };
        var noRecords = new Option<bool>("--no-records") { Description = "Leave out the instant event per record (smaller file: slices, flows and counters only)" };
        var command = new Command("trace", "Write a Chrome trace-event JSON file (open it in ui.perfetto.dev): a track per process and thread, spans and task states as slices, flows across processes, metrics as counters");
        input.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(noRecords);
        CommandAction.Set(command, parse =>
        {
            var loaded = input.Load(parse);
            if (loaded.Records.Count == 0)
            {
                parse.InvocationConfiguration.Error.WriteLine("wide: no records loaded");
                return ExitCodes.NothingFound;
            }
            var path = parse.GetValue(output)!;
            var options = new TraceOptions
            {
                IncludeRecords = !parse.GetValue(noRecords),
                Lifecycles = loaded.Lifecycles,
                Metadata = new Dictionary<string, string> { ["inputs"] = string.Join(" ", parse.GetValue(input.Paths) ?? []) },
            };
            TraceSummary summary;
            using (var file = File.Create(path))
            {
                summary = ChromeTrace.Write(loaded.Records, file, options);
            }
            parse.InvocationConfiguration.Output.WriteLine(
                $"wrote {path}: {summary.Processes} processes, {summary.Threads} threads, {summary.Slices} slices, {summary.Flows} flows, {summary.Counters} counter samples, {summary.Instants} records");
            return ExitCodes.Ok;
        });
        return command;
    }
}
