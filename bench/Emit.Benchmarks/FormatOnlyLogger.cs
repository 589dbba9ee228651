using System.Text.Json;
using Microsoft.Extensions.Logging;
using WideEvents.Emit.Formatting;
using WideEvents.Emit.Pipeline;

namespace WideEvents.Emit.Benchmarks;

/// <summary>
/// Profile by experiment: Emit's own capture and formatter called directly on the calling
/// thread, with neither the Microsoft.Extensions.Logging fan-out in front nor the pipeline and
/// handler queues behind. Bound with
/// <c>Bind</c> like the real thing, so the bound fields are written the same way.
/// </summary>
internal sealed class FormatOnlyLogger : ILogger
{
    private readonly RecordFormatter _formatter;
    private readonly JsonEncodedText _category;

    public FormatOnlyLogger(WideEventsOptions options, string category)
    {
        _formatter = new RecordFormatter(options);
        _category = JsonEncodedText.Encode(category, RecordFormatter.Encoder);
    }

    public long Records { get; private set; }

    public long Bytes { get; private set; }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var record = PendingRecord<TState>.Rent(_formatter.Now, logLevel, eventId, _category, state, exception, formatter, scopes: null);
        var formatted = _formatter.Format(record);
        record.Return();
        Records++;
        Bytes += formatted.Record.Length + 1;
    }
}
