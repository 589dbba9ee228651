using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace WideEvents.Shipper.Sources;

/// <summary>
/// Hash of a file's first bytes. A stored fingerprint covers the prefix that existed when it was
/// taken; a file matches when its same-length prefix hashes the same (the growing-prefix comparison).
/// </summary>
internal static class FileFingerprint
{
    public static string Of(SafeFileHandle handle, int length)
    {
        byte[] prefix = new byte[length];
        int read = RandomAccess.Read(handle, prefix, 0);
        return Convert.ToHexString(SHA256.HashData(prefix.AsSpan(0, read)), 0, 16);
    }

    public static bool Matches(SafeFileHandle handle, long fileLength, FileCheckpoint checkpoint) =>
        fileLength >= checkpoint.FingerprintLength && Of(handle, checkpoint.FingerprintLength) == checkpoint.Fingerprint;
}
