namespace WideEvents.Shipper.Health;

/// <summary>
/// Whether a shipper holds a data directory: the running one keeps an exclusive lock on
/// <c>DATA_DIRECTORY/lock</c> (see <c>DirectoryLock</c>) for its whole life, and the kernel drops it
/// when the process dies, however it dies.
/// </summary>
internal static class RunningShipper
{
    /// <summary>
    /// True when another process holds the lock, false when none does, null when the lock file
    /// cannot be opened to find out (it belongs to another user). Found by trying to take the lock
    /// for an instant: a shipper starting in that instant would find the directory in use and
    /// refuse to start (exit 2).
    /// </summary>
    public static bool? HoldsLock(string dataDirectory)
    {
        string path = Path.Combine(dataDirectory, "lock");
        try
        {
            // FileShare.None is an exclusive, non-blocking flock on Unix, the same lock the shipper takes.
            using var probe = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None);
            return false;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        catch (IOException)
        {
            return true;
        }
    }
}
