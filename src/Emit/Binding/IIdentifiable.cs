namespace WideEvents.Emit;

/// <summary>
/// An object that can describe itself to machines: the identity fields stamped on every record
/// written through a logger bound to it (see <see cref="LoggerBindingExtensions.Bind(Microsoft.Extensions.Logging.ILogger, IIdentifiable)"/>).
/// The fields are read once, when the logger is bound, so they should not change.
/// </summary>
public interface IIdentifiable
{
    /// <summary>The identity fields, e.g. <c>task_id</c> and <c>run_id</c>.</summary>
    IEnumerable<KeyValuePair<string, object?>> IdentityFields { get; }
}
