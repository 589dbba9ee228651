using System.CommandLine;
using WideEvents.Analyze.Export;

namespace WideEvents.Cli.Commands;

/// <summary><c>wide export</c>: the loaded, joined records as Parquet for DuckDB, pandas and Spark.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var input = new InputOptions("a Parquet file or folder");
        var output = new Option<string>("--output", "-o")
        {
            Description = "A .parquet file, or a folder (ending in / or existing) to get one file per run, hive style: FOLDER/wide_run=RUN/part-0.parquet",
            Required = true,
        };
        var command = new Command("export", "Write the loaded records (after rules) as Parquet: a typed column per key, @t as a timestamp, the source in wide_source");
        input.AddTo(command);
        command.Options.Add(output);
        CommandAction.Set(command, parse =>
        {
            var path = parse.GetValue(output)!;
            var loaded = input.Load(parse);
            var stdout = parse.InvocationConfiguration.Output;
            var cancel = CancellationToken.None;
            if (path.EndsWith('/') || path.EndsWith(Path.DirectorySeparatorChar) || Directory.Exists(path))
            {
                var files = ParquetExport.WriteDirectoryAsync(loaded.Records, path, cancel).GetAwaiter().GetResult();
                stdout.WriteLine($"wrote {loaded.Records.Count} records in {files.Count} run partition(s) under {path}");
            }
            else
            {
                var dir = Path.GetDirectoryName(Path.GetFullPath(path));
                if (dir is not null && !Directory.Exists(dir))
                {
                    throw new CommandException($"-o: no such folder: {dir}");
                }
                ParquetExport.WriteFileAsync(loaded.Records, path, cancel).GetAwaiter().GetResult();
                stdout.WriteLine($"wrote {loaded.Records.Count} records to {path}");
            }
            return loaded.Records.Count == 0 ? ExitCodes.NothingFound : ExitCodes.Ok;
        });
        return command;
    }
}
