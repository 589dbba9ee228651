using System.Runtime.InteropServices;

namespace WideEvents.Cli.Demo;

/// <summary>
/// Finds the programs the demo runs: TaskFarm and wide-shipper, which the build copies whole into
/// <c>programs/</c> beside <c>wide.dll</c> (and the tool package carries), each run with the
/// <c>dotnet</c> host that runs this process.
/// </summary>
internal sealed record DemoPrograms(string TaskFarm, string Shipper)
{
    /// <summary>The folder, beside <c>wide.dll</c>, that holds one folder per program.</summary>
    public const string Folder = "programs";

    public static DemoPrograms Locate()
    {
        string programs = Path.Combine(AppContext.BaseDirectory, Folder);
        return new DemoPrograms(
            Require(Path.Combine(programs, "taskfarm", "taskfarm.dll")),
            Require(Path.Combine(programs, "wide-shipper", "wide-shipper.dll")));
    }

    /// <summary>
    /// The <c>dotnet</c> host of the running runtime (DOTNET_ROOT/dotnet, three folders above
    /// shared/Microsoft.NETCore.App/VERSION), so that a tool started from its shim, with no
    /// <c>dotnet</c> on PATH, starts its children on the same runtime.
    /// </summary>
    public static string DotnetHost()
    {
        string name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        string root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        string host = Path.Combine(root, name);
        return File.Exists(host) ? host : name;
    }

    private static string Require(string path) =>
        File.Exists(path) ? path : throw new CommandException($"{Path.GetFileName(path)} is missing (expected {path}): the build copies it there; reinstall the tool or run: dotnet build src/Wide");
}
