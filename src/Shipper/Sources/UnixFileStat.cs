using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace WideEvents.Shipper.Sources;

/// <summary>
/// Device and inode numbers, which .NET does not expose. Reads the first two fields of glibc's
/// <c>struct stat</c>, which are <c>st_dev</c> and <c>st_ino</c> (both 64-bit) on x86-64 and arm64 Linux.
/// </summary>
internal static partial class UnixFileStat
{
    private const int StatBufferBytes = 256;

    public static bool TryStat(string path, out FileKey key)
    {
        byte[] buffer = new byte[StatBufferBytes];
        byte[] utf8Path = Encoding.UTF8.GetBytes(path + "\0");
        if (NativeStat(utf8Path, buffer) != 0)
        {
            key = default;
            return false;
        }

        key = Read(buffer);
        return true;
    }

    public static FileKey Of(SafeFileHandle handle)
    {
        byte[] buffer = new byte[StatBufferBytes];
        if (NativeFStat((int)handle.DangerousGetHandle(), buffer) != 0)
        {
            throw new IOException($"fstat failed: errno {Marshal.GetLastPInvokeError()}");
        }

        return Read(buffer);
    }

    private static FileKey Read(byte[] buffer) =>
        new(BinaryPrimitives.ReadUInt64LittleEndian(buffer), BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(8)));

    [LibraryImport("libc", EntryPoint = "stat", SetLastError = true)]
    private static partial int NativeStat(byte[] path, byte[] buffer);

    [LibraryImport("libc", EntryPoint = "fstat", SetLastError = true)]
    private static partial int NativeFStat(int fd, byte[] buffer);
}
