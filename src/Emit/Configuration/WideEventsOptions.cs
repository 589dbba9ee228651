namespace WideEvents.Emit;

/// <summary>
/// Per-process configuration of WideEvents, bound from the <c>WideEvents</c> configuration
/// section (appsettings, or environment variables such as <c>WideEvents__Handlers__0__Type</c>).
/// </summary>
public sealed class WideEventsOptions
{
    /// <summary>The configuration section these options are bound from: <c>WideEvents</c>.</summary>
    public const string SectionName = "WideEvents";

    /// <summary>
    /// The name of this process's part of the system (e.g. <c>interchange</c>), used in file
    /// names and written as the <c>component</c> field. Default: the process name.
    /// </summary>
    public string? Component { get; set; }

    /// <summary>The handlers records are written to. Default: none (records go nowhere).</summary>
    public List<HandlerOptions> Handlers { get; set; } = [];

    /// <summary>Which per-process ambient fields every record carries.</summary>
    public AmbientFieldsOptions Ambient { get; set; } = new();

    /// <summary>
    /// Constant fields stamped on every record of this process (e.g. <c>run_id</c>), so a parent
    /// can hand its identity to the processes it starts. Default: none.
    /// </summary>
    public Dictionary<string, string> Fields { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether records also carry <c>@m</c>, the rendered message. Default: <see langword="false"/>,
    /// as Serilog's <c>CompactJsonFormatter</c> does; readers render it from <c>@mt</c>.
    /// </summary>
    public bool IncludeRenderedMessage { get; set; }

    /// <summary>
    /// The <see cref="System.Diagnostics.ActivitySource"/> names whose activities are written as
    /// span records (<c>System.Net.Http</c>, <c>Microsoft.AspNetCore</c>, <c>Grpc.Net.Client</c>);
    /// a name ending in <c>*</c> matches every source it begins. Default: none, and then nothing
    /// listens to activities at all.
    /// </summary>
    public List<string> ActivitySources { get; set; } = [];

    /// <summary>
    /// The share of traces whose activities are written, from 0 to 1, decided on the trace id so
    /// that every process keeps the same traces; an activity with a parent follows the parent's
    /// decision. Default: 1 (all).
    /// </summary>
    public double ActivitySampling { get; set; } = 1.0;

    /// <summary>Writes the activities of these sources as span records; see <see cref="ActivitySources"/>.</summary>
    public WideEventsOptions ListenTo(params string[] sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ActivitySources.AddRange(sources);
        return this;
    }

    /// <summary>
    /// Writers added in code, for anything the options do not cover. Not bound from
    /// configuration (a field, so the configuration binder does not see it) and not rendered into a
    /// child's environment.
    /// </summary>
    internal readonly List<CustomWriterRegistration> CustomWriters = [];

    /// <summary>
    /// Adds a writer made in code (the hook for destinations the options do not cover).
    /// </summary>
    /// <param name="name">A name for messages about this handler.</param>
    /// <param name="writer">The writer; it is disposed with the logger provider.</param>
    /// <param name="configure">Level, filter and queue settings; defaults when omitted.</param>
    public WideEventsOptions AddWriter(string name, IRecordWriter writer, Action<HandlerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var settings = new HandlerOptions { Type = HandlerType.Custom, Name = name };
        configure?.Invoke(settings);
        CustomWriters.Add(new CustomWriterRegistration(settings, writer));
        return this;
    }
}

internal sealed record CustomWriterRegistration(HandlerOptions Settings, IRecordWriter Writer);
