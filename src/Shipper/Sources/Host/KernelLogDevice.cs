using System.Runtime.InteropServices;

namespace WideEvents.Shipper.Sources.Host;

/// <summary>
/// <c>/dev/kmsg</c> opened non-blocking: each read returns one record, or nothing new yet (so the
/// source polls and stops at once, where a blocking read would hold the shipper's shutdown).
/// </summary>
internal sealed partial class KernelLogDevice : IDisposable
{
    private const int ReadOnlyNonBlocking = 0x800; // O_RDONLY | O_NONBLOCK on x86-64 and arm64
    private const int TryAgain = 11; // EAGAIN
    private const int Overwritten = 32; // EPIPE: records were overwritten before they were read

    private readonly int _fd;

    private KernelLogDevice(int fd) => _fd = fd;

    /// <exception cref="IOException">The device cannot be opened (no such file, not allowed).</exception>
    public static KernelLogDevice Open(string path)
    {
        int fd = NativeOpen(path, ReadOnlyNonBlocking);
        if (fd < 0)
        {
            throw new IOException($"cannot open {path}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }

        return new KernelLogDevice(fd);
    }

    /// <summary>The next record's bytes, 0 when there is none yet; a gap (overwritten records) is skipped.</summary>
    public int Read(byte[] buffer)
    {
        while (true)
        {
            nint got = NativeRead(_fd, buffer, buffer.Length);
            if (got >= 0)
            {
                return (int)got;
            }

            int error = Marshal.GetLastPInvokeError();
            if (error == TryAgain)
            {
                return 0;
            }

            if (error != Overwritten)
            {
                throw new IOException($"reading the kernel log: {Marshal.GetPInvokeErrorMessage(error)}");
            }
        }
    }

    public void Dispose() => NativeClose(_fd);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int NativeOpen(string path, int flags);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static partial nint NativeRead(int fd, byte[] buffer, nint count);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int NativeClose(int fd);
}
