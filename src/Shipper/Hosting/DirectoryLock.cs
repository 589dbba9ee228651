using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace WideEvents.Shipper.Hosting;

/// <summary>
/// An exclusive <c>flock</c> held for the life of the process, so two shippers can never share
/// one buffer and set of checkpoints, or one store. The kernel releases it when the process dies,
/// however it dies.
/// </summary>
internal sealed partial class DirectoryLock : IDisposable
{
    private const int OpenReadOnlyCloseOnExec = 0x80000; // O_RDONLY | O_CLOEXEC, the same on every Linux architecture
    private const int LockExclusiveNonBlocking = 2 | 4; // LOCK_EX | LOCK_NB

    private readonly IDisposable _held;

    private DirectoryLock(IDisposable held)
    {
        _held = held;
    }

    /// <summary>Locks <c>DIRECTORY/lock</c>, a file holding the owner's process id.</summary>
    /// <param name="directory">The directory to own.</param>
    /// <param name="what">What the directory is, for the message (<c>data directory</c>).</param>
    /// <param name="advice">What to do about it, for the message.</param>
    /// <exception cref="InvalidDataException">Another process holds the directory.</exception>
    public static DirectoryLock Acquire(string directory, string what, string advice)
    {
        string path = Path.Combine(directory, "lock");
        try
        {
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            stream.SetLength(0);
            using (var writer = new StreamWriter(stream, leaveOpen: true))
            {
                writer.Write(Environment.ProcessId);
            }

            stream.Flush();
            return new DirectoryLock(stream);
        }
        catch (IOException e)
        {
            throw new InvalidDataException($"The {what} {directory} is in use by another wide-shipper ({e.Message}). {advice}", e);
        }
    }

    /// <summary>
    /// Locks the directory itself: for a store, which Analyze reads whole, so a lock file in it
    /// would show up as a file it cannot load.
    /// </summary>
    /// <exception cref="InvalidDataException">Another process holds the directory.</exception>
    public static DirectoryLock AcquireItself(string directory, string what, string advice)
    {
        var handle = new SafeFileHandle(NativeOpen(directory, OpenReadOnlyCloseOnExec), ownsHandle: true);
        if (handle.IsInvalid)
        {
            throw new InvalidDataException($"The {what} {directory} cannot be opened (errno {Marshal.GetLastPInvokeError()}).");
        }

        if (NativeFlock((int)handle.DangerousGetHandle(), LockExclusiveNonBlocking) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            handle.Dispose();
            throw new InvalidDataException($"The {what} {directory} is in use by another wide-shipper (flock errno {errno}). {advice}");
        }

        return new DirectoryLock(handle);
    }

    public void Dispose() => _held.Dispose();

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int NativeOpen(string path, int flags);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int NativeFlock(int fd, int operation);
}
