namespace WideEvents.Emit;

/// <summary>
/// Which per-process fields every record carries. All default to <see langword="true"/>.
/// Field names: <c>host</c>, <c>pid</c>, <c>process</c>, <c>component</c>, <c>thread</c>, <c>category</c>.
/// </summary>
public sealed class AmbientFieldsOptions
{
    /// <summary>The machine name, as <c>host</c>.</summary>
    public bool Host { get; set; } = true;

    /// <summary>The process id, as <c>pid</c>.</summary>
    public bool ProcessId { get; set; } = true;

    /// <summary>The process name, as <c>process</c>, and the configured component, as <c>component</c>.</summary>
    public bool ProcessName { get; set; } = true;

    /// <summary>The managed thread id of the caller, as <c>thread</c>.</summary>
    public bool Thread { get; set; } = true;

    /// <summary>The logger category, as <c>category</c>.</summary>
    public bool Category { get; set; } = true;
}
