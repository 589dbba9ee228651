namespace WideEvents.Analyze.Loaders;

/// <summary>A file that was read.</summary>
/// <param name="Path">The file path as found.</param>
/// <param name="Format">The format it was read as.</param>
/// <param name="Records">How many records it gave.</param>
/// <param name="BadLines">Lines that could not be parsed and were skipped (a torn last line, for example).</param>
public sealed record LoadedFile(string Path, LogFormat Format, int Records, int BadLines);
