using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace WideEvents.Emit.Binding;

/// <summary>
/// A logger that stamps an object's identity fields on every record. The fields are rendered
/// once here; each call only points the formatter at them. Other logging providers (console,
/// say) see the record without these fields: only WideEvents handlers write them.
/// </summary>
internal sealed class BoundLogger : ILogger
{
    public BoundLogger(ILogger inner, BoundFields fields)
    {
        Inner = inner;
        Fields = fields;
    }

    public ILogger Inner { get; }

    public BoundFields Fields { get; }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => Inner.BeginScope(state);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool IsEnabled(LogLevel logLevel) => Inner.IsEnabled(logLevel);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var previous = BoundFields.Enter(Fields);
        try
        {
            Inner.Log(logLevel, eventId, state, exception, formatter);
        }
        finally
        {
            BoundFields.Exit(previous);
        }
    }
}
