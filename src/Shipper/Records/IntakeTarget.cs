using WideEvents.Shipper.Configuration;
using WideEvents.Shipper.Translation;

namespace WideEvents.Shipper.Records;

/// <summary>The identity and widening of one stream of lines (a file, a connection) as its lines are taken in.</summary>
internal sealed class IntakeTarget(string source, string sourceId, string origin, WideningFields fields, ulong nextSequence)
{
    /// <summary>Configured name of the source (for quarantine entries and metrics).</summary>
    public string Source { get; } = source;

    public string SourceId { get; } = sourceId;

    /// <summary>The path or socket the lines came from.</summary>
    public string Origin { get; } = origin;

    public WideningFields Fields { get; } = fields;

    /// <summary>Sequence of the next accepted record; blank and quarantined lines take none.</summary>
    public ulong NextSequence { get; set; } = nextSequence;

    /// <summary>What the lines are; <see cref="FileFormat.Auto"/> until the first complete line says.</summary>
    public FileFormat Format { get; set; } = FileFormat.Json;

    /// <summary>The translation of a text format, made at its first line.</summary>
    public TextTranslation? Translation { get; set; }
}
