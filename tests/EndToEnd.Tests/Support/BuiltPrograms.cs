namespace WideEvents.EndToEnd.Tests.Support;

/// <summary>Where the programs under test were built: their own output folders, same configuration as the tests.</summary>
public static class BuiltPrograms
{
    public static string TaskFarm => Find("samples/TaskFarm", "taskfarm.dll");

    public static string Shipper => Find("src/Shipper", "wide-shipper.dll");

    public static string RepositoryRoot
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "WideEvents.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException($"no WideEvents.sln above {AppContext.BaseDirectory}");
        }
    }

    private static string Find(string project, string dll)
    {
        // .../tests/EndToEnd.Tests/bin/<Configuration>/<tfm>/
        var tfm = Path.GetFileName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var configuration = Path.GetFileName(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)));
        var path = Path.Combine(RepositoryRoot, project, "bin", configuration!, tfm, dll);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{dll} was not built; expected it at {path}");
    }
}
