namespace WideEvents.Analyze.Loaders;

/// <summary>How <see cref="RecordLoader"/> reads files.</summary>
public sealed class LoadOptions
{
    /// <summary>The format of every file; <see cref="LogFormat.Auto"/> (the default) sniffs each one.</summary>
    public LogFormat Format { get; init; } = LogFormat.Auto;

    /// <summary>
    /// Add <c>run</c>, <c>executor</c>, <c>block</c>, <c>manager</c>, <c>worker</c> and
    /// <c>logsource</c> keys derived from each file's path. Default true.
    /// </summary>
    public bool WidenFromPath { get; init; } = true;

    /// <summary>Files read at the same time. Default: the number of processors.</summary>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Keep one copy of a CLEF record (one with <c>@t</c>) read twice, as when a folder holds both
    /// the files Emit wrote and the store they were shipped to. Two records are the same when all
    /// their properties are, except the keys added on the way (widening by the shipper and by
    /// <see cref="WidenFromPath"/>: <c>run</c>, <c>logsource</c>, <c>executor</c>, <c>block</c>,
    /// <c>manager</c>, <c>worker</c>, <c>source</c>, <c>host</c>). Only loads in which two files hold
    /// the header record of the same Emit file (its <c>file_uuid</c>) are checked. Default true.
    /// </summary>
    public bool Deduplicate { get; init; } = true;
}
