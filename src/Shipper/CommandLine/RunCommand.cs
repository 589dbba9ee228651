using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using WideEvents.Shipper.Hosting;

namespace WideEvents.Shipper.CommandLine;

/// <summary><c>wide-shipper run --config FILE [--Key=Value ...]</c>: runs a sidecar or a collector until SIGTERM or SIGINT.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        Option<FileInfo> config = ShipperCommandLine.ConfigOption();
        var command = ShipperCommandLine.WithOverrides(new Command("run", "Run a sidecar or collector until SIGTERM or SIGINT."));
        command.Options.Add(config);
        command.SetAction((parse, _) => RunAsync(parse.GetValue(config)!.FullName, ShipperCommandLine.Overrides(parse), parse.InvocationConfiguration.Error));
        return command;
    }

    private static async Task<int> RunAsync(string configPath, string[] overrides, TextWriter error)
    {
        WebApplication app;
        try
        {
            app = ShipperHost.Build(configPath, overrides);
        }
        catch (InvalidDataException e)
        {
            error.WriteLine(e.Message);
            return ShipperExitCodes.Refused;
        }

        try
        {
            await using (app)
            {
                IReadOnlyList<BackgroundService> parts = ShipperHost.Parts(app);
                await app.RunAsync().ConfigureAwait(false);
                string[] failed = [.. parts.Where(p => p.ExecuteTask is { IsFaulted: true }).Select(p => p.GetType().Name)];
                if (failed.Length > 0)
                {
                    error.WriteLine($"wide-shipper stopped because {string.Join(", ", failed)} failed (see above); exit code 1, so that a supervisor restarts it.");
                    return ShipperExitCodes.Failed;
                }
            }
        }
        catch (InvalidDataException e)
        {
            // A state problem found while starting (the validator normally finds them first).
            error.WriteLine(e.Message);
            return ShipperExitCodes.Refused;
        }
        catch (IOException e) when (e.InnerException is System.Net.Sockets.SocketException or Microsoft.AspNetCore.Connections.AddressInUseException)
        {
            // Kestrel could not listen (the port is taken, the address is not this host's): as a configuration problem, nothing ran.
            error.WriteLine($"{e.Message} Choose another Grpc:Port or Grpc:Address, or stop what listens there.");
            return ShipperExitCodes.Refused;
        }

        return ShipperExitCodes.Ok;
    }
}
