namespace WideEvents.Emit.Formatting;

/// <summary>Lowercase hexadecimal, as <c>Convert.ToHexStringLower</c> writes it on .NET 9 and later (by hand on .NET 8).</summary>
internal static class LowerHex
{
    public static string ToString(byte[] bytes)
    {
#if NET9_0_OR_GREATER
        return Convert.ToHexStringLower(bytes);
#else
        return string.Create(bytes.Length * 2, bytes, static (chars, source) => WriteByHand(source, chars));
#endif
    }

    /// <summary>Writes <paramref name="bytes"/> into <paramref name="chars"/>, which holds at least twice as many.</summary>
    public static void Write(ReadOnlySpan<byte> bytes, Span<char> chars)
    {
#if NET9_0_OR_GREATER
        Convert.TryToHexStringLower(bytes, chars, out _);
#else
        WriteByHand(bytes, chars);
#endif
    }

    /// <summary>The .NET 8 path, compiled everywhere so that it is tested against the runtime's own.</summary>
    internal static void WriteByHand(ReadOnlySpan<byte> bytes, Span<char> chars)
    {
        const string digits = "0123456789abcdef";
        for (int i = 0; i < bytes.Length; i++)
        {
            chars[2 * i] = digits[bytes[i] >> 4];
            chars[(2 * i) + 1] = digits[bytes[i] & 0xF];
        }
    }
}
