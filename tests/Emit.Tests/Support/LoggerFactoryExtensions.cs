using Microsoft.Extensions.Logging;

namespace WideEvents.Emit.Tests.Support;

public static class LoggerFactoryExtensions
{
    /// <summary>Disposes off the test thread, so a provider draining its queues cannot deadlock the test.</summary>
    public static Task DisposeAsyncOrDispose(this ILoggerFactory factory) => Task.Run(factory.Dispose);
}
