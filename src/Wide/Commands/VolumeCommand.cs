using System.CommandLine;
using WideEvents.Analyze.Loaders;
using WideEvents.Cli.Output;
using WideEvents.Cli.Volume;

namespace WideEvents.Cli.Commands;

/// <summary><c>wide volume PATHS</c>: records, bytes, share and longest record per template (or source, or level), sorted by bytes.</summary>
internal static class VolumeCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Log files or directories (searched recursively)", Arity = ArgumentArity.OneOrMore };
        var by = new Option<string>("--by")
        {
            Description = "Group by template, source or level, or a comma-separated combination (template,source: each template per source)",
            DefaultValueFactory = _ => "template",
        };
        var top = new Option<int>("--top") { Description = "Print only the N biggest groups (0: all)", DefaultValueFactory = _ => 0 };
        var format = new Option<LogFormat>("--format") { Description = "Input format for every file (default: sniffed per file)", DefaultValueFactory = _ => LogFormat.Auto };
        var json = new Option<bool>("--json") { Description = "Write JSON lines (one object per row) for machines" };
        var csv = new Option<bool>("--csv") { Description = "Write CSV for spreadsheets" };
        var command = new Command("volume", "Show records, bytes, share of bytes and the longest record per template (or source, or level), biggest first");
        command.Arguments.Add(paths);
        command.Options.Add(by);
        command.Options.Add(top);
        command.Options.Add(format);
        command.Options.Add(json);
        command.Options.Add(csv);
        CommandAction.Set(command, parse =>
        {
            var output = OutputFormats.From(parse.GetValue(json), parse.GetValue(csv));
            var dimensions = (parse.GetValue(by) ?? "template").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (dimensions.Length == 0 || dimensions.FirstOrDefault(d => !VolumeCount.Dimensions.Contains(d)) is { } unknown && unknown is not null)
            {
                throw new CommandException($"--by: expected template, source or level (comma-separated), got '{parse.GetValue(by)}'", ExitCodes.Usage);
            }
            if (parse.GetValue(top) < 0)
            {
                throw new CommandException("--top: expected 0 (all) or a positive number", ExitCodes.Usage);
            }
            var inputs = parse.GetValue(paths) ?? [];
            if (inputs.FirstOrDefault(p => !File.Exists(p) && !Directory.Exists(p)) is { } missing)
            {
                throw new CommandException($"no such file or directory: {missing}");
            }
            var loaded = RecordLoader.Load(inputs, new LoadOptions { Format = parse.GetValue(format) });
            if (loaded.Records.Count == 0)
            {
                parse.InvocationConfiguration.Error.WriteLine("wide: no records found");
                return ExitCodes.NothingFound;
            }
            var rows = VolumeCount.Count(loaded, dimensions);
            double total = rows.Sum(r => r.Bytes);
            var table = new Table([.. new[] { "records", "bytes", "share_pct", "longest" }, .. dimensions]);
            foreach (var row in parse.GetValue(top) > 0 ? rows.Take(parse.GetValue(top)) : rows)
            {
                table.Add([row.Records, row.Bytes, Math.Round(100 * row.Bytes / total, 2), row.Longest, .. row.Key]);
            }
            table.Write(parse.InvocationConfiguration.Output, output);
            parse.InvocationConfiguration.Error.WriteLine($"volume: {loaded.Records.Count:N0} records, {total:N0} bytes in {rows.Count:N0} groups");
            return ExitCodes.Ok;
        });
        return command;
    }
}
