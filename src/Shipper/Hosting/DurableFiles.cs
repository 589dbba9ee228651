using System.Runtime.InteropServices;
using System.Text;

namespace WideEvents.Shipper.Hosting;

/// <summary>
/// What makes a file's creation or a rename itself survive a power loss: an fsync of the
/// directory that holds it. Without it, a state file replaced by rename, or a segment created
/// and then fsynced, may come back after a crash of the machine as the old file, or not at all,
/// although its data was acknowledged.
/// </summary>
internal static partial class DurableFiles
{
    /// <summary>Replaces <paramref name="path"/> by <paramref name="temporary"/> (already written and fsynced) and makes the rename durable.</summary>
    public static void Replace(string temporary, string path, bool fsync)
    {
        File.Move(temporary, path, overwrite: true);
        if (fsync)
        {
            SyncDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        }
    }

    /// <summary>Fsyncs a directory, so that the files created, renamed or removed in it so far stay so after a crash of the machine.</summary>
    /// <exception cref="IOException">The directory could not be opened or fsynced.</exception>
    public static void SyncDirectory(string directory)
    {
        // .NET opens no directory as a file; Windows has no directory fsync and needs none for this.
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS() && !OperatingSystem.IsFreeBSD())
        {
            return;
        }

        int fd = NativeOpen(Encoding.UTF8.GetBytes(directory + "\0"), ReadOnly);
        if (fd < 0)
        {
            throw new IOException($"Could not open the directory {directory} to fsync it: errno {Marshal.GetLastPInvokeError()}");
        }

        try
        {
            if (NativeFsync(fd) != 0)
            {
                throw new IOException($"Could not fsync the directory {directory}: errno {Marshal.GetLastPInvokeError()}");
            }
        }
        finally
        {
            _ = NativeClose(fd);
        }
    }

    private const int ReadOnly = 0;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true)]
    private static partial int NativeOpen(byte[] path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int NativeFsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int NativeClose(int fd);
}
