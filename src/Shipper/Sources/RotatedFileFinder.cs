using Microsoft.Win32.SafeHandles;

namespace WideEvents.Shipper.Sources;

/// <summary>
/// Finds where the rest of a checkpointed file went when it is no longer at its path, or was
/// cut to nothing there: a file beside it under a rotated name (<c>NAME.1</c>, <c>NAME-20260101</c>,
/// <c>NAME_old</c>, but not compressed ones) that is the same file (same inode, rename rotation)
/// or a copy of it (copytruncate), as its first bytes and a length past the checkpoint show.
/// </summary>
internal static class RotatedFileFinder
{
    private static readonly string[] Compressed = [".gz", ".bz2", ".xz", ".zst", ".lz4", ".zip"];

    /// <summary>An open handle on the continuation of <paramref name="checkpoint"/>, or null.</summary>
    public static (SafeFileHandle Handle, FileKey Key, string Path, long Length)? Find(FileCheckpoint checkpoint, Func<FileKey, bool> tailed)
    {
        string? directory = Path.GetDirectoryName(checkpoint.Path);
        string name = Path.GetFileName(checkpoint.Path);
        if (directory is null || !Directory.Exists(directory))
        {
            return null;
        }

        IEnumerable<string> candidates = Directory.EnumerateFiles(directory, name + "*")
            .Where(p => p.Length > checkpoint.Path.Length && p[checkpoint.Path.Length] is '.' or '-' or '_' && !Compressed.Any(c => p.EndsWith(c, StringComparison.OrdinalIgnoreCase)))
            .OrderByDescending(File.GetLastWriteTimeUtc);
        foreach (string candidate in candidates)
        {
            SafeFileHandle? handle = null;
            try
            {
                handle = File.OpenHandle(candidate, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                FileKey key = UnixFileStat.Of(handle);
                long length = RandomAccess.GetLength(handle);
                bool sameFile = key.Device == checkpoint.Device && key.Inode == checkpoint.Inode;
                if (!tailed(key) && (sameFile || length > checkpoint.Offset) && length >= checkpoint.Offset && FileFingerprint.Matches(handle, length, checkpoint))
                {
                    return (handle, key, candidate, length);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone or unreadable: not the continuation.
            }

            handle?.Dispose();
        }

        return null;
    }
}
