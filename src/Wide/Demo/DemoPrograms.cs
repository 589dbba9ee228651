namespace WideEvents.Cli.Demo;

/// <summary>
/// Finds the programs the demo runs: TaskFarm and wide-shipper, built beside this one in the
/// repository (same configuration), each run with <c>dotnet</c> from its own output folder.
/// </summary>
internal sealed record DemoPrograms(string TaskFarm, string Shipper)
{
    public static DemoPrograms Locate()
    {
        var here = Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory);
        var framework = Path.GetFileName(here);
        var configuration = Path.GetFileName(Path.GetDirectoryName(here))!;
        var root = RepositoryRoot(here)
            ?? throw new CommandException("wide demo runs from a WideEvents source checkout (it starts samples/TaskFarm and src/Shipper); no WideEvents.sln above " + here);
        return new DemoPrograms(
            Require(Path.Combine(root, "samples", "TaskFarm", "bin", configuration, framework, "taskfarm.dll")),
            Require(Path.Combine(root, "src", "Shipper", "bin", configuration, framework, "wide-shipper.dll")));
    }

    private static string? RepositoryRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "WideEvents.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }

    private static string Require(string path) =>
        File.Exists(path) ? path : throw new CommandException($"{Path.GetFileName(path)} is not built (expected {path}); run: dotnet build src/Wide");
}
