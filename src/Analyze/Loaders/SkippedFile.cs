namespace WideEvents.Analyze.Loaders;

/// <summary>A file that was not loaded, and why.</summary>
/// <param name="Path">The file path.</param>
/// <param name="Reason">Unknown format, unreadable, or the error met while reading.</param>
public sealed record SkippedFile(string Path, string Reason);
