using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using WideEvents.Emit;

namespace WideEvents.TaskFarm.Hosting;

/// <summary>
/// Logging for a TaskFarm process. Every choice comes from the WideEvents environment variables
/// the parent rendered; only the top process, started by hand with none, picks a default (CLEF
/// files in the run directory).
/// </summary>
internal static class FarmLogging
{
    /// <summary>The options this process runs with, as a child would read them from its environment.</summary>
    public static WideEventsOptions FromEnvironment()
    {
        var options = new WideEventsOptions();
        new ConfigurationBuilder().AddEnvironmentVariables().Build()
            .GetSection(WideEventsOptions.SectionName).Bind(options);
        return options;
    }

    public static ILoggerFactory Create(WideEventsOptions options) =>
        LoggerFactory.Create(logging =>
        {
            logging
                .SetMinimumLevel(LogLevel.Debug)
                .AddWideEvents(o =>
                {
                    var copy = WideEventsEnvironment.Copy(options);
                    o.Component = copy.Component;
                    o.Fields = copy.Fields;
                    o.Ambient = copy.Ambient;
                    o.IncludeRenderedMessage = copy.IncludeRenderedMessage;
                    o.Handlers = copy.Handlers;
                });
            PeerLogging.AddIfAsked(logging, options.Component ?? "submitter");
        });

    /// <summary>
    /// The options for a child: this process's, with the child's component name, and file
    /// handlers pointed at the child's own folder under the run directory (as Parsl lays out runinfo/).
    /// </summary>
    public static WideEventsOptions ForChild(WideEventsOptions parent, string component, string subdirectory)
    {
        var child = WideEventsEnvironment.Copy(parent);
        child.Component = component;
        foreach (var handler in child.Handlers.Where(h => h.Type == HandlerType.File))
        {
            handler.Directory = Path.Combine(handler.Directory ?? Environment.CurrentDirectory, subdirectory);
        }

        return child;
    }
}
