#if !NET9_0_OR_GREATER
using System.Buffers.Binary;
using System.Security.Cryptography;
#endif

namespace WideEvents.Emit;

/// <summary>
/// Time-ordered UUIDs (version 7, RFC 9562). .NET 9 and later have <c>Guid.CreateVersion7</c>;
/// on .NET 8 the same layout is built here: 48 bits of Unix milliseconds, the version and
/// variant bits, and random bits for the rest.
/// </summary>
internal static class Uuid7
{
    public static Guid Create()
    {
#if NET9_0_OR_GREATER
        return Guid.CreateVersion7();
#else
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes[6..]);
        long milliseconds = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Span<byte> time = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(time, milliseconds);
        time[2..].CopyTo(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x70);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
#endif
    }
}
