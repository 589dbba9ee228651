using Microsoft.Extensions.Logging;

namespace WideEvents.Emit;

/// <summary>Lexical spans on any <see cref="ILogger"/>.</summary>
public static class SpanLoggerExtensions
{
    /// <summary>
    /// Writes a span's start record and returns the span; dispose it to write the end record.
    /// <code>using (logger.BeginSpan("gather dependencies")) { ... }</code>
    /// </summary>
    public static LexicalSpan BeginSpan(this ILogger logger, string name)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new LexicalSpan(logger, name);
    }

    /// <summary>Runs <paramref name="body"/> in a span; the end record's outcome is exact, and any exception is rethrown.</summary>
    public static T InSpan<T>(this ILogger logger, string name, Func<T> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var span = logger.BeginSpan(name);
        try
        {
            var result = body();
            span.Succeed();
            return result;
        }
        catch (Exception ex)
        {
            span.Fail(ex);
            throw;
        }
    }

    /// <summary>Runs <paramref name="body"/> in a span; the end record's outcome is exact, and any exception is rethrown.</summary>
    public static async Task InSpanAsync(this ILogger logger, string name, Func<Task> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var span = logger.BeginSpan(name);
        try
        {
            await body().ConfigureAwait(false);
            span.Succeed();
        }
        catch (Exception ex)
        {
            span.Fail(ex);
            throw;
        }
    }
}
