using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WideEvents.Emit.Formatting;
using WideEvents.Emit.Handlers;

namespace WideEvents.Emit.Logging;

/// <summary>
/// Formats each record once on the calling thread and hands a copy to every handler that wants
/// it. Flushes everything on dispose and when the process exits.
/// </summary>
[ProviderAlias("WideEvents")]
internal sealed class WideEventsLoggerProvider : ILoggerProvider, ISupportExternalScope, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, WideEventsLogger> _loggers = new(StringComparer.Ordinal);
    private readonly RecordHandler[] _handlers;
    private readonly RecordFormatter _formatter;
    private int _disposed;

    public WideEventsLoggerProvider(IOptions<WideEventsOptions> options, TimeProvider? clock = null)
    {
        var settings = options.Value;
        _formatter = new RecordFormatter(settings, clock);
        _handlers = HandlerFactory.Create(settings, _formatter);
        MinimumLevel = _handlers.Length == 0 ? LogLevel.None : _handlers.Min(h => h.MinimumLevel);
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        LiveProviders.Add(this);
    }

    /// <summary>Every provider not yet disposed, for <see cref="WideEventsLogging.ForceFlush"/>.</summary>
    internal static LiveSet<WideEventsLoggerProvider> LiveProviders { get; } = new();

    public LogLevel MinimumLevel { get; }

    public IExternalScopeProvider ScopeProvider { get; private set; } = new LoggerExternalScopeProvider();

    public ILogger CreateLogger(string categoryName) =>
        _loggers.GetOrAdd(categoryName, static (name, provider) => new WideEventsLogger(provider, name), this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => ScopeProvider = scopeProvider;

    public void Dispatch<TState>(JsonEncodedText category, LogLevel level, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (_disposed != 0)
        {
            return;
        }

        var formatted = _formatter.Format(category, level, eventId, state, exception, formatter, ScopeProvider);
        var record = formatted.Record;
        foreach (var handler in _handlers)
        {
            if (handler.Accepts(level, formatted.Keys))
            {
                handler.Enqueue(record);
            }
        }
    }

    /// <summary>Waits until every record logged before the call is written and flushed by every handler.</summary>
    public bool ForceFlush(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var all = true;
        foreach (var handler in _handlers)
        {
            var left = deadline - DateTime.UtcNow;
            all &= handler.ForceFlush(left > TimeSpan.Zero ? left : TimeSpan.Zero);
        }

        return all;
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        LiveProviders.Remove(this);
        foreach (var handler in _handlers)
        {
            await handler.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void OnProcessExit(object? sender, EventArgs e) => Dispose();
}
