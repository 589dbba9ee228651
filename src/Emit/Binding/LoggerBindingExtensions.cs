using Microsoft.Extensions.Logging;
using WideEvents.Emit.Binding;

namespace WideEvents.Emit;

/// <summary>Object-bound loggers: the <c>LoggerAdapter</c> of Python logging, for <see cref="ILogger"/>.</summary>
public static class LoggerBindingExtensions
{
    /// <summary>
    /// A logger that stamps <paramref name="target"/>'s identity fields on every record it writes.
    /// Binding a bound logger again adds fields (a task's logger bound to one of its tries
    /// carries both); a repeated key takes the newer value.
    /// </summary>
    public static ILogger Bind(this ILogger logger, IIdentifiable target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return logger.Bind(target.IdentityFields);
    }

    /// <summary>A logger that stamps the given fields on every record it writes.</summary>
    public static ILogger Bind(this ILogger logger, IEnumerable<KeyValuePair<string, object?>> fields)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(fields);
        return logger is BoundLogger bound
            ? new BoundLogger(bound.Inner, BoundFields.Combine(bound.Fields, fields))
            : new BoundLogger(logger, BoundFields.Combine(null, fields));
    }

    /// <summary>A logger that stamps one field on every record it writes.</summary>
    public static ILogger Bind(this ILogger logger, string key, object? value)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(key);
        return logger is BoundLogger bound
            ? new BoundLogger(bound.Inner, BoundFields.Combine(bound.Fields, key, value))
            : new BoundLogger(logger, BoundFields.Combine(null, key, value));
    }
}
