using System.Runtime.Versioning;
using WideEvents.Shipper.Health;
using WideEvents.Shipper.Hosting;

// Inode numbers, unix sockets and file modes: the shipper runs where those exist.
[assembly: UnsupportedOSPlatform("windows")]

namespace WideEvents.Shipper;

/// <summary>
/// <c>wide-shipper run --config FILE [--Key=Value ...]</c> runs a sidecar or collector;
/// <c>wide-shipper status --config FILE</c> prints the health a running one last reported.
/// </summary>
internal static class Program
{
    private const string Usage = """
        usage:
          wide-shipper run --config FILE [--Section:Key=Value ...]
          wide-shipper status --config FILE
        Overrides use configuration paths, e.g. --Grpc:Port=4319 --Sinks:Stores:0:Directory=/srv/store.
        Environment variables prefixed WIDE_SHIPPER_ override the file too (WIDE_SHIPPER_Grpc__Port=4319).
        """;

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.Error.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        string command = args[0];
        var overrides = new List<string>();
        string? configPath = null;
        for (int i = 1; i < args.Length; i++)
        {
            if (args[i] == "--config" && i + 1 < args.Length)
            {
                configPath = args[++i];
            }
            else if (args[i].StartsWith("--config=", StringComparison.Ordinal))
            {
                configPath = args[i]["--config=".Length..];
            }
            else
            {
                overrides.Add(args[i]);
            }
        }

        if (configPath is null || !File.Exists(configPath))
        {
            Console.Error.WriteLine(configPath is null ? "--config FILE is required." : $"No configuration file at {configPath}.");
            Console.Error.WriteLine(Usage);
            return 2;
        }

        switch (command)
        {
            case "run":
                Microsoft.AspNetCore.Builder.WebApplication app;
                try
                {
                    app = ShipperHost.Build(configPath, [.. overrides]);
                }
                catch (InvalidDataException e)
                {
                    Console.Error.WriteLine(e.Message);
                    return 2;
                }

                try
                {
                    await using (app)
                    {
                        IReadOnlyList<Microsoft.Extensions.Hosting.BackgroundService> parts = ShipperHost.Parts(app);
                        await app.RunAsync().ConfigureAwait(false);
                        string[] failed = [.. parts.Where(p => p.ExecuteTask is { IsFaulted: true }).Select(p => p.GetType().Name)];
                        if (failed.Length > 0)
                        {
                            Console.Error.WriteLine($"wide-shipper stopped because {string.Join(", ", failed)} failed (see above); exit code 1, so that a supervisor restarts it.");
                            return 1;
                        }
                    }
                }
                catch (InvalidDataException e)
                {
                    // A state problem found while starting (the validator normally finds them first).
                    Console.Error.WriteLine(e.Message);
                    return 2;
                }

                return 0;
            case "status":
                var options = ShipperHost.LoadOptions(ShipperHost.LoadConfiguration(configPath, [.. overrides]), configPath);
                return StatusCommand.Run(options.DataDirectory, Console.Out, TimeProvider.System);
            default:
                Console.Error.WriteLine($"Unknown command '{command}'.");
                Console.Error.WriteLine(Usage);
                return 2;
        }
    }
}
