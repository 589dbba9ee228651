using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Loaders;

/// <summary>What a load produced.</summary>
public sealed class LoadResult
{
    internal LoadResult(List<Record> records, IReadOnlyList<LoadedFile> files, IReadOnlyList<SkippedFile> skipped)
    {
        Records = records;
        Files = files;
        Skipped = skipped;
    }

    /// <summary>All records, in file-path order and, within a file, in file order.</summary>
    public List<Record> Records { get; }

    /// <summary>The files that were read.</summary>
    public IReadOnlyList<LoadedFile> Files { get; }

    /// <summary>Files that were not read, with the reason.</summary>
    public IReadOnlyList<SkippedFile> Skipped { get; }

    /// <summary>Records read twice (from a file and from the store it was shipped to) and kept once; see <see cref="LoadOptions.Deduplicate"/>.</summary>
    public int Duplicates { get; init; }
}
