using System.Globalization;

namespace WideEvents.Shipper.Sinks;

/// <summary>
/// Rebuilds what the store's files say when the state does not: for each series of
/// <c>PREFIX.NNNNNN.jsonl</c> files without an entry, the last file, its whole length, and as
/// high-water mark the number of lines stored, a lower bound of the real one (a stored
/// record took at least one sequence), so no record not yet stored is ever taken for a duplicate.
/// </summary>
internal static class StoreFileRecovery
{
    public static Dictionary<string, StoreSourceState> Uncovered(string directory, IReadOnlySet<string> coveredPrefixes)
    {
        var series = new Dictionary<string, StoreSourceState>(StringComparer.Ordinal);
        if (!Directory.Exists(directory))
        {
            return series;
        }

        foreach (string path in Directory.EnumerateFiles(directory, "*.jsonl"))
        {
            string name = Path.GetFileNameWithoutExtension(path);
            int dot = name.LastIndexOf('.');
            if (dot <= 0 || !int.TryParse(name.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int index))
            {
                continue;
            }

            string prefix = name[..dot];
            if (coveredPrefixes.Contains(prefix))
            {
                continue;
            }

            StoreSourceState state = series.TryGetValue(prefix, out StoreSourceState? known) ? known : series[prefix] = new StoreSourceState { Prefix = prefix, FileIndex = 0 };
            state.Through += CountLines(path);
            if (index > state.FileIndex)
            {
                state.FileIndex = index;
                state.Length = new FileInfo(path).Length;
            }
        }

        // A last file cut mid-line is kept as it is; the next record goes to a new file rather than being glued to it.
        foreach (StoreSourceState state in series.Values)
        {
            if (state.Length > 0 && !EndsWithNewline(Path.Combine(directory, FileName(state.Prefix, state.FileIndex))))
            {
                state.FileIndex++;
                state.Length = 0;
            }
        }

        return series;
    }

    public static string FileName(string prefix, int index) => prefix + "." + index.ToString("D6", CultureInfo.InvariantCulture) + ".jsonl";

    private static bool EndsWithNewline(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 0);
        stream.Position = stream.Length - 1;
        return stream.ReadByte() == '\n';
    }

    private static ulong CountLines(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 0);
        byte[] block = new byte[1 << 16];
        ulong lines = 0;
        int got;
        while ((got = stream.Read(block)) > 0)
        {
            lines += (ulong)block.AsSpan(0, got).Count((byte)'\n');
        }

        return lines;
    }
}
