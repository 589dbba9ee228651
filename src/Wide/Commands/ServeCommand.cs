using System.CommandLine;
using System.Runtime.InteropServices;
using WideEvents.Analyze.Records;
using WideEvents.Web;

namespace WideEvents.Cli.Commands;

/// <summary><c>wide serve</c>: the browser UI on 127.0.0.1, over loaded records and, with <c>--tail</c>, records arriving from a shipper.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var input = new InputOptions("a web page");
        input.Paths.Arity = ArgumentArity.ZeroOrMore;
        var tail = new Option<string?>("--tail") { Description = "A shipper's gRPC address (e.g. http://127.0.0.1:5081): subscribe to its Tail service and show records as they arrive" };
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0: any free port)", DefaultValueFactory = _ => 8080 };
        var command = new Command("serve", "Browse records in a web page on 127.0.0.1: narrow down by run/task/try and executor/block/manager/worker, flows, charts, 'what is different', live with --tail");
        input.AddTo(command);
        command.Options.Add(tail);
        command.Options.Add(port);
        command.SetAction(async (parse, cancellationToken) =>
        {
            WebUiServer? server = null;
            var code = CommandAction.Run(parse, p =>
            {
                server = Start(p, input, p.GetValue(tail), p.GetValue(port), cancellationToken);
                return ExitCodes.Ok;
            });
            if (server is not null)
            {
                // Serves until Ctrl+C or SIGTERM, then stops Kestrel and the tail. The signals are
                // handled here as well, because a process manager stops a server with SIGTERM.
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
                using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
                await server.RunUntilCancelledAsync(stop.Token).ConfigureAwait(false);

                void Stop(PosixSignalContext context)
                {
                    context.Cancel = true;
                    stop.Cancel();
                }
            }
            return code;
        });
        return command;
    }

    private static WebUiServer Start(ParseResult parse, InputOptions input, string? tailArg, int port, CancellationToken cancellationToken)
    {
        input.ReadOutputFormat(parse);
        Uri? tailAddress = null;
        if (tailArg is not null && !Uri.TryCreate(tailArg.Contains("://", StringComparison.Ordinal) ? tailArg : "http://" + tailArg, UriKind.Absolute, out tailAddress))
        {
            throw new CommandException($"--tail: not an address: {tailArg}");
        }
        if (port is < 0 or > 65535)
        {
            throw new CommandException("--port must be between 0 and 65535");
        }
        var paths = parse.GetValue(input.Paths) ?? [];
        if (paths.Length == 0 && tailAddress is null)
        {
            throw new CommandException("give log paths, --tail ADDRESS, or both");
        }
        var loaded = paths.Length > 0 ? input.Load(parse) : null;
        List<Record> records = loaded?.Records ?? [];
        var lifecycles = loaded?.Lifecycles ?? input.LoadLifecycles(parse);
        var server = WebUiServer.StartAsync(records, new WebUiOptions { Port = port, TailAddress = tailAddress, Lifecycles = lifecycles }, cancellationToken).GetAwaiter().GetResult();
        var stdout = parse.InvocationConfiguration.Output;
        stdout.WriteLine($"serving {records.Count} records{(tailAddress is null ? "" : $" and live records from {tailAddress}")} at {server.Address} (Ctrl+C stops)");
        stdout.Flush();
        return server;
    }
}
