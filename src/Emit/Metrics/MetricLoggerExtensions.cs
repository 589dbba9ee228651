using Microsoft.Extensions.Logging;
using WideEvents.Emit.Metrics;

namespace WideEvents.Emit;

/// <summary>Metrics as records: a metric is a record with <c>metric</c> (its name) and <c>value</c>.</summary>
public static class MetricLoggerExtensions
{
    /// <summary>Writes <c>{"metric": name, "value": value}</c> at Information level.</summary>
    public static void LogMetric(this ILogger logger, string metric, double value)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentException.ThrowIfNullOrEmpty(metric);
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.Log(LogLevel.Information, default, new MetricState(metric, value), null, static (s, _) => s.ToString());
        }
    }

    /// <summary>Writes <c>{"metric": name, "value": value}</c> plus <paramref name="fields"/>, at Information level.</summary>
    public static void LogMetric(this ILogger logger, string metric, double value, IEnumerable<KeyValuePair<string, object?>> fields)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentException.ThrowIfNullOrEmpty(metric);
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.Log(LogLevel.Information, default, new MetricWithFieldsState(metric, value, fields), null, static (s, _) => s.ToString());
        }
    }
}
