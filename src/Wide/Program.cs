using WideEvents.Cli;

return WideCli.Run(args, Console.Out, Console.Error);
