using System.Buffers.Binary;
#if !NET9_0_OR_GREATER
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
        Span<byte> random = stackalloc byte[10];
        RandomNumberGenerator.Fill(random);
        return Build(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), random);
#endif
    }

    /// <summary>The RFC 9562 version 7 layout from a time and 10 random bytes (some of whose bits the version and variant replace).</summary>
    internal static Guid Build(long unixMilliseconds, ReadOnlySpan<byte> random)
    {
        Span<byte> bytes = stackalloc byte[16];
        Span<byte> time = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(time, unixMilliseconds);
        time[2..].CopyTo(bytes);
        random[..10].CopyTo(bytes[6..]);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x70);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
