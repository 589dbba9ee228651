namespace WideEvents.Analyze.Loaders;

/// <summary>Progress of a load, reported after each file.</summary>
/// <param name="FilesDone">Files finished (loaded or skipped).</param>
/// <param name="FilesTotal">Files found.</param>
/// <param name="BytesDone">Bytes of the finished files.</param>
/// <param name="BytesTotal">Bytes of all files found.</param>
public sealed record LoadProgress(int FilesDone, int FilesTotal, long BytesDone, long BytesTotal);
