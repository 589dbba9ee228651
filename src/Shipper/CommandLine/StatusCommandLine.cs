using System.CommandLine;
using WideEvents.Shipper.Configuration;
using WideEvents.Shipper.Health;
using WideEvents.Shipper.Hosting;

namespace WideEvents.Shipper.CommandLine;

/// <summary><c>wide-shipper status --config FILE</c>: whether a shipper runs on the configured data directory, and what it last reported.</summary>
internal static class StatusCommandLine
{
    public static Command Create()
    {
        Option<FileInfo> config = ShipperCommandLine.ConfigOption();
        var command = ShipperCommandLine.WithOverrides(new Command(
            "status",
            "Say whether a shipper is running on the configured data directory (it holds DATA_DIRECTORY/lock) " +
            "and print the health it last wrote to status.json, with its age. Exit 0 running, 1 not running, 3 running but its status is stale."));
        command.Options.Add(config);
        command.SetAction(parse =>
        {
            string configPath = parse.GetValue(config)!.FullName;
            ShipperOptions options;
            try
            {
                options = ShipperHost.LoadOptions(ShipperHost.LoadConfiguration(configPath, ShipperCommandLine.Overrides(parse)), configPath);
            }
            catch (InvalidDataException e)
            {
                parse.InvocationConfiguration.Error.WriteLine(e.Message);
                return ShipperExitCodes.Refused;
            }

            return StatusCommand.Run(options.DataDirectory, TimeSpan.FromSeconds(options.Health.IntervalSeconds), parse.InvocationConfiguration.Output, TimeProvider.System);
        });
        return command;
    }
}
