namespace WideEvents.Shipper.Tests.Support;

/// <summary>The real logs in <c>tests/data/real-logs</c>, found from the repository root above the test binaries.</summary>
internal static class RealLogs
{
    public static string Path(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "WideEvents.sln")))
            {
                return System.IO.Path.Combine([dir.FullName, "tests", "data", "real-logs", .. parts]);
            }
        }

        throw new DirectoryNotFoundException("WideEvents.sln not found above " + AppContext.BaseDirectory);
    }
}
