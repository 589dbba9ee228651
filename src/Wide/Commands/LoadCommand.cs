using System.CommandLine;
using WideEvents.Cli.Output;

namespace WideEvents.Cli.Commands;

/// <summary><c>wide load</c>: loads, applies rules, summarises, and optionally writes the merged records.</summary>
internal static class LoadCommand
{
    public static Command Create()
    {
        var input = new InputOptions { ListsSkippedFiles = true };
        var output = new Option<string?>("--output", "-o") { Description = "Write the merged, widened records to this file as JSON lines" };
        var command = new Command("load", "Load logs (and apply rules); list the files read and skipped (--json/--csv: the same table), and write the merged records with -o");
        input.AddTo(command);
        command.Options.Add(output);
        CommandAction.Set(command, parse =>
        {
            var loaded = input.Load(parse);
            var stdout = parse.InvocationConfiguration.Output;
            var path = parse.GetValue(output);
            if (path is not null)
            {
                using var file = new StreamWriter(path);
                using var writer = new RecordJsonWriter(file);
                loaded.Records.ForEach(writer.Write);
            }
            // The table of files read and skipped in every format, so --json and --csv have the
            // same columns; the records themselves are written by -o.
            var table = new Table("file", "format", "records", "bad_lines");
            foreach (var f in loaded.Result.Files)
            {
                table.Add(f.Path, f.Format.ToString(), f.Records, f.BadLines);
            }
            foreach (var s in loaded.Result.Skipped)
            {
                table.Add(s.Path, "skipped: " + s.Reason, 0, 0);
            }
            table.Write(stdout, loaded.Output);
            if (loaded.Output == OutputFormat.Text)
            {
                stdout.WriteLine();
                stdout.WriteLine(CommandAction.Describe(loaded.Result));
                if (loaded.Rules is { } rules)
                {
                    stdout.WriteLine($"rules: {rules.Changed} properties set in {rules.Iterations} passes, {rules.Conflicts.Count} conflicts");
                }
                if (path is not null)
                {
                    stdout.WriteLine($"wrote {loaded.Records.Count} records to {path}");
                }
            }
            return loaded.Records.Count == 0 ? ExitCodes.NothingFound : ExitCodes.Ok;
        });
        return command;
    }
}
