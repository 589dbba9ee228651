using Microsoft.Extensions.Logging;

namespace WideEvents.Emit.Tests.Support;

/// <summary>A logger factory writing to a file handler in a temp directory; dispose it to flush.</summary>
public sealed class FileLogging : IDisposable
{
    private readonly TempDirectory _directory = new();
    private ILoggerFactory? _factory;

    public FileLogging(Action<WideEventsOptions>? configure = null, Action<HandlerOptions>? handler = null)
    {
        _factory = LoggerFactory.Create(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.AddWideEvents(options =>
            {
                options.Component = "test";
                var file = new HandlerOptions { Type = HandlerType.File, Directory = _directory.Path };
                handler?.Invoke(file);
                options.Handlers.Add(file);
                configure?.Invoke(options);
            });
        });
    }

    public string Directory => _directory.Path;

    public ILoggerFactory Factory => _factory ?? throw new ObjectDisposedException(nameof(FileLogging));

    public ILogger Logger(string category = "Test") => Factory.CreateLogger(category);

    /// <summary>Flushes by disposing the factory, then returns every record but the file headers.</summary>
    public List<System.Text.Json.Nodes.JsonObject> Complete()
    {
        _factory?.Dispose();
        _factory = null;
        return Records.ReadDirectory(Directory).WithoutHeaders();
    }

    public void Dispose()
    {
        _factory?.Dispose();
        _directory.Dispose();
    }
}
