using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;
using WideEvents.EndToEnd.Tests.Support;

namespace WideEvents.EndToEnd.Tests;

/// <summary>
/// What a new user gets: the solution packed, the two tools installed from those packages alone
/// into an empty directory, and run from there (issue 18's "done when"). Slow: it packs the
/// whole solution in Release.
/// </summary>
public sealed class PackagedToolsTests : IDisposable
{
    // Most of it is native code: DuckDB (wide query, --where) for the four shipped platforms is
    // about 110 MB compressed, the plotting and SQLite libraries about 15 MB. The bound catches
    // a platform or a library shipped by mistake, not DuckDB.
    private const long MaxCliPackageBytes = 150L << 20;

    private readonly string _root = Directory.CreateTempSubdirectory("wide-pack-").FullName;

    [Fact]
    public void The_packed_tools_install_from_the_packages_alone_and_run_the_demo()
    {
        string packages = Path.Combine(_root, "packages");
        Run("dotnet", BuiltPrograms.RepositoryRoot, TimeSpan.FromMinutes(4), "pack", Path.Combine(BuiltPrograms.RepositoryRoot, "WideEvents.sln"), "-c", "Release", "-o", packages);

        string[] ids = ["WideEvents.Emit", "WideEvents.Contracts", "WideEvents.Testing", "WideEvents.Cli", "WideEvents.Shipper"];
        foreach (string id in ids)
        {
            Assert.Single(Directory.GetFiles(packages, id + ".*.nupkg"), f => !f.EndsWith(".snupkg", StringComparison.Ordinal) && IsVersionOf(f, id));
            Assert.Single(Directory.GetFiles(packages, id + ".*.snupkg"), f => IsVersionOf(f, id));
        }

        Assert.Equal(ids.Length, Directory.GetFiles(packages, "*.nupkg").Length);
        AssertLibraryMetadata(Package(packages, "WideEvents.Emit"));
        string cli = Package(packages, "WideEvents.Cli");
        Assert.InRange(new FileInfo(cli).Length, 1, MaxCliPackageBytes);

        // An empty directory whose only package source is the packages just made.
        string empty = Path.Combine(_root, "user");
        Directory.CreateDirectory(empty);
        File.WriteAllText(Path.Combine(empty, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{packages}" />
              </packageSources>
            </configuration>
            """);
        string tools = Path.Combine(empty, "T");
        foreach (string id in new[] { "WideEvents.Cli", "WideEvents.Shipper" })
        {
            Run("dotnet", empty, TimeSpan.FromMinutes(2), "tool", "install", id, "--tool-path", tools, "--add-source", packages);
        }

        string wide = Path.Combine(tools, "wide");
        string shipper = Path.Combine(tools, "wide-shipper");
        string version = Version(packages, "WideEvents.Cli");
        Assert.StartsWith(version, Run(wide, empty, TimeSpan.FromMinutes(1), "--version").Trim(), StringComparison.Ordinal);
        Assert.StartsWith(version, Run(shipper, empty, TimeSpan.FromMinutes(1), "--version").Trim(), StringComparison.Ordinal);

        string demo = Path.Combine(empty, "demo");
        string output = Run(wide, empty, TimeSpan.FromMinutes(3), "demo", "--tasks", "200", "--out", demo);
        // The demo's tasks fail now and then on purpose; a task out of retries ends failed, not done.
        Assert.Matches(@"taskfarm task: 200 entities; \d+ exec_done", output);
        Assert.True(File.Exists(Path.Combine(demo, "report.html")), output);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A process that was killed may still hold a file; the temporary folder is cleaned eventually.
        }
    }

    private static void AssertLibraryMetadata(string nupkg)
    {
        using ZipArchive zip = ZipFile.OpenRead(nupkg);
        ZipArchiveEntry nuspec = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        XElement metadata;
        using (Stream stream = nuspec.Open())
        {
            metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        }

        string Field(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value ?? string.Empty;
        XElement? repository = metadata.Elements().SingleOrDefault(e => e.Name.LocalName == "repository");

        Assert.Equal("MIT", Field("license"));
        Assert.Equal("README.md", Field("readme"));
        Assert.NotEmpty(Field("description"));
        Assert.Contains("wide-events", Field("tags"), StringComparison.Ordinal);
        Assert.NotNull(repository?.Attribute("url"));
        Assert.Contains(zip.Entries, e => e.FullName == "README.md");
        Assert.Contains(zip.Entries, e => e.FullName == "lib/net8.0/WideEvents.Emit.dll");
        Assert.Contains(zip.Entries, e => e.FullName == "lib/net10.0/WideEvents.Emit.dll");
    }

    private static string Package(string directory, string id) =>
        Directory.GetFiles(directory, id + ".*.nupkg").Single(f => IsVersionOf(f, id));

    private static string Version(string directory, string id) =>
        Path.GetFileNameWithoutExtension(Package(directory, id))[(id.Length + 1)..];

    /// <summary>WideEvents.Cli.0.1.0.nupkg is a version of WideEvents.Cli; WideEvents.Cli.Extra.0.1.0.nupkg is not.</summary>
    private static bool IsVersionOf(string path, string id) =>
        char.IsAsciiDigit(Path.GetFileName(path)[id.Length + 1]);

    private static string Run(string program, string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        if (workingDirectory != BuiltPrograms.RepositoryRoot)
        {
            // What the installs restore stays in the test's folder: a package of the same version
            // left in the user's cache by an earlier run must not stand in for the one just packed.
            info.Environment["NUGET_PACKAGES"] = Path.Combine(Path.GetDirectoryName(workingDirectory)!, "nuget-cache");
        }

        using Process process = Process.Start(info)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {string.Join(' ', arguments)} did not finish within {timeout}");
        }

        string all = output.Result + error.Result;
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} exited {process.ExitCode}:\n{all}");
        return output.Result;
    }
}
