using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Loaders;

/// <summary>Loads records from files and directories, choosing each file's loader by its content.</summary>
public static class RecordLoader
{
    /// <summary>
    /// Loads every path: a file is read in its sniffed (or forced) format; a directory is searched
    /// recursively and everything recognised below it is read. Unknown or unreadable files are
    /// listed in <see cref="LoadResult.Skipped"/>, never fatal.
    /// </summary>
    /// <exception cref="FileNotFoundException">A path names neither a file nor a directory.</exception>
    public static LoadResult Load(IEnumerable<string> paths, LoadOptions? options = null, IProgress<LoadProgress>? progress = null)
    {
        options ??= new LoadOptions();
        var files = Expand(paths);
        var results = new (List<Record>? Records, LoadedFile? Loaded, SkippedFile? Skipped)[files.Count];
        var sizes = files.Select(f => new FileInfo(f).Length).ToArray();
        long totalBytes = sizes.Sum(), doneBytes = 0;
        var done = 0;
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxParallelism) }, i =>
        {
            results[i] = LoadOne(files[i], options);
            var d = Interlocked.Increment(ref done);
            var b = Interlocked.Add(ref doneBytes, sizes[i]);
            progress?.Report(new LoadProgress(d, files.Count, b, totalBytes));
        });
        var records = new List<Record>(results.Sum(r => r.Records?.Count ?? 0));
        // Copies exist only where one Emit file (its file_uuid header) was read twice, as itself and
        // inside a store: only then is every record fingerprinted, so ordinary loads pay nothing.
        var seen = options.Deduplicate && SameFileReadTwice(results) ? new RecordSeen() : null;
        var duplicates = 0;
        foreach (var r in results)
        {
            if (r.Records is null)
            {
                continue;
            }
            if (seen is null)
            {
                records.AddRange(r.Records);
                continue;
            }
            foreach (var record in r.Records)
            {
                if (seen.Add(record))
                {
                    records.Add(record);
                }
                else
                {
                    duplicates++;
                }
            }
        }
        return new LoadResult(records,
            results.Where(r => r.Loaded is not null).Select(r => r.Loaded!).ToList(),
            results.Where(r => r.Skipped is not null).Select(r => r.Skipped!).ToList())
        { Duplicates = duplicates };
    }

    private static bool SameFileReadTwice((List<Record>? Records, LoadedFile? Loaded, SkippedFile? Skipped)[] results)
    {
        var fileOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (records, _, _) in results)
        {
            foreach (var r in records ?? [])
            {
                if (!r.TryGet("file_uuid", out var id) || id.IsNull)
                {
                    continue;
                }
                var key = id.ToString();
                if (!fileOf.TryAdd(key, r.Source) && fileOf[key] != r.Source)
                {
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>Loads one or more paths with default options.</summary>
    public static LoadResult Load(params string[] paths) => Load((IEnumerable<string>)paths);

    private static List<string> Expand(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                // Unreadable subdirectories are passed over rather than failing the whole load.
                var found = Directory.EnumerateFiles(path, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 }).ToList();
                found.Sort(StringComparer.Ordinal);
                files.AddRange(found);
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                throw new FileNotFoundException($"No such file or directory: {path}", path);
            }
        }
        return files.Distinct(StringComparer.Ordinal).ToList();
    }

    private static (List<Record>?, LoadedFile?, SkippedFile?) LoadOne(string path, LoadOptions options)
    {
        try
        {
            string? notRecords = null;
            var format = options.Format == LogFormat.Auto ? FormatSniffer.Sniff(path, out notRecords) : options.Format;
            if (format is null)
            {
                return (null, null, new SkippedFile(path, notRecords ?? "format not recognised"));
            }
            IFileLoader loader = format.Value switch
            {
                LogFormat.JsonLines => new JsonLinesLoader(),
                LogFormat.WorkQueueTransactions => new WorkQueueTransactionLoader(),
                LogFormat.WorkQueueStats => new WorkQueueStatsLoader(),
                LogFormat.MonitoringDb => new MonitoringDbLoader(),
                LogFormat.Parquet => new ParquetLoader(),
                _ => new ParslTextLoader(),
            };
            var records = loader.Load(path, out var bad);
            // An export holds records already widened (and joined): its own path says nothing about them.
            if (options.WidenFromPath && format.Value != LogFormat.Parquet)
            {
                var keys = PathWidening.KeysFor(path, format.Value);
                foreach (var r in records)
                {
                    foreach (var (k, v) in keys)
                    {
                        if (!r.Has(k))
                        {
                            r.Set(k, v);
                        }
                    }
                }
            }
            return (records, new LoadedFile(path, format.Value, records.Count, bad), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException or InvalidDataException or Parquet.ParquetException)
        {
            return (null, null, new SkippedFile(path, e.Message));
        }
    }
}
