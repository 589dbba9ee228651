using System.CommandLine;
using WideEvents.Cli.Demo;

namespace WideEvents.Cli.Commands;

/// <summary><c>wide demo</c>: a TaskFarm run shipped through a sidecar to a collector and analysed end to end.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var tasks = new Option<int>("--tasks") { Description = "Tasks to run", DefaultValueFactory = _ => 3000 };
        var pools = new Option<int>("--pools") { Description = "Worker pool processes", DefaultValueFactory = _ => 2 };
        var workers = new Option<int>("--workers") { Description = "Workers per pool", DefaultValueFactory = _ => 2 };
        var failRate = new Option<double>("--fail-rate") { Description = "Probability that a try fails (failed tries are retried once)", DefaultValueFactory = _ => 0.02 };
        var output = new Option<string?>("--out") { Description = "Directory for the run, the store and the reports (default: ./wide-demo/<time>)" };
        var transport = new Option<string>("--transport") { Description = "grpc: the sidecar ships to the collector; nats: through a local single-node NATS JetStream (needs nats-server on the PATH)", DefaultValueFactory = _ => "grpc" };
        transport.AcceptOnlyFromAmong("grpc", "nats");
        var command = new Command("demo", "Run TaskFarm with a wide-shipper sidecar and collector, wait until every record is stored, and analyse the store");
        command.Options.Add(tasks);
        command.Options.Add(pools);
        command.Options.Add(workers);
        command.Options.Add(failRate);
        command.Options.Add(output);
        command.Options.Add(transport);
        CommandAction.Set(command, parse =>
        {
            var settings = new DemoSettings(
                parse.GetValue(tasks),
                parse.GetValue(pools),
                parse.GetValue(workers),
                parse.GetValue(failRate),
                parse.GetValue(output) ?? Path.Combine("wide-demo", DateTime.Now.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture)),
                parse.GetValue(transport) ?? "grpc");
            if (settings.Tasks < 1 || settings.Pools < 1 || settings.Workers < 1 || settings.FailRate is < 0 or > 1)
            {
                throw new CommandException("--tasks, --pools and --workers must be at least 1, --fail-rate between 0 and 1");
            }

            var run = new DemoRun(settings, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            return run.RunAsync().GetAwaiter().GetResult();
        });
        return command;
    }
}
