using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace WideEvents.Emit.Logging;

/// <summary>The logger for one category; everything it does is the provider's dispatch.</summary>
internal sealed class WideEventsLogger : ILogger
{
    private readonly WideEventsLoggerProvider _provider;
    private readonly JsonEncodedText _category;

    public WideEventsLogger(WideEventsLoggerProvider provider, string category)
    {
        _provider = provider;
        _category = JsonEncodedText.Encode(category, Formatting.RecordFormatter.Encoder);
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => _provider.ScopeProvider.Push(state);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= _provider.MinimumLevel;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            _provider.Dispatch(_category, logLevel, eventId, state, exception, formatter);
        }
    }
}
