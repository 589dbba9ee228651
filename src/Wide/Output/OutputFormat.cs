namespace WideEvents.Cli.Output;

/// <summary>How a command writes its results.</summary>
public enum OutputFormat
{
    /// <summary>Text for people (the default).</summary>
    Text,
    /// <summary>JSON lines, one object per row.</summary>
    Json,
    /// <summary>CSV with a header row.</summary>
    Csv,
}
