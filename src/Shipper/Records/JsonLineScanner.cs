using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Json;

namespace WideEvents.Shipper.Records;

/// <summary>
/// The fast path of <see cref="JsonLineInspector"/>: one pass over a line of valid UTF-8 that
/// accepts it only when it is certainly one JSON object (RFC 8259, no comments or trailing
/// commas, as <see cref="Utf8JsonReader"/> reads it) whose top-level keys are written without
/// escapes, with a valid <c>@t</c> where it has one. It never explains a refusal: for anything
/// else (an error, a <c>\u</c> escape, an escaped key, deep nesting) it says no and the full
/// reader decides and gives the reason, so the verdicts are the reader's by construction.
/// </summary>
/// <remarks>
/// The reader cost both the sidecar and the collector about a sixth of their CPU (perf, 1 M
/// records); a record is mostly plain strings, which this scans with a vectorised search for the
/// bytes that can end them.
/// </remarks>
internal static class JsonLineScanner
{
    private const int MaxDepth = 64;

    private static ReadOnlySpan<byte> TimeKey => "@t"u8;

    /// <summary>
    /// True when the line is certainly a record; the outputs are then those the full reader gives
    /// (<paramref name="present"/>, already cleared, is set per widening field the object has at
    /// the top level).
    /// </summary>
    public static bool TryAccept(ReadOnlySpan<byte> line, WideningFields fields, Span<bool> present, out bool hasProperties, out bool hasTime)
    {
        hasProperties = false;
        hasTime = false;
        int pos = SkipWhitespace(line, 0);
        if (pos >= line.Length || line[pos] != '{')
        {
            return false;
        }

        // One bit per open container, set for an array: 64 levels, the reader's own limit.
        ulong arrays = 0;
        int depth = 1;
        pos++;
        bool expectKey = true;
        bool closeAllowed = true;
        while (true)
        {
            pos = SkipWhitespace(line, pos);
            if (pos >= line.Length)
            {
                return false;
            }

            byte b = line[pos];
            bool inArray = (arrays & (1UL << (depth - 1))) != 0;
            if (closeAllowed && b == (inArray ? (byte)']' : (byte)'}'))
            {
                pos++;
                arrays &= ~(1UL << (depth - 1));
                depth--;
                if (depth == 0)
                {
                    return SkipWhitespace(line, pos) == line.Length;
                }

                if (!AfterValue(line, ref pos, arrays, depth, out expectKey, out closeAllowed))
                {
                    return false;
                }

                continue;
            }

            bool isTime = false;
            if (expectKey)
            {
                if (b != '"')
                {
                    return false;
                }

                int keyStart = pos + 1;
                pos = ScanString(line, keyStart, out bool escaped);
                if (pos < 0)
                {
                    return false;
                }

                if (depth == 1)
                {
                    if (escaped)
                    {
                        return false;
                    }

                    ReadOnlySpan<byte> key = line[keyStart..(pos - 1)];
                    hasProperties = true;
                    for (int i = 0; i < fields.Count; i++)
                    {
                        present[i] |= key.SequenceEqual(fields.Name(i));
                    }

                    isTime = key.SequenceEqual(TimeKey);
                    hasTime |= isTime;
                }

                pos = SkipWhitespace(line, pos);
                if (pos >= line.Length || line[pos] != ':')
                {
                    return false;
                }

                pos = SkipWhitespace(line, pos + 1);
                if (pos >= line.Length)
                {
                    return false;
                }

                b = line[pos];
            }

            if (isTime && b != '"')
            {
                return false;
            }

            switch (b)
            {
                case (byte)'{' or (byte)'[':
                    if (depth == MaxDepth)
                    {
                        return false;
                    }

                    if (b == '[')
                    {
                        arrays |= 1UL << depth;
                    }

                    depth++;
                    pos++;
                    expectKey = b == '{';
                    closeAllowed = true;
                    continue;
                case (byte)'"':
                    int start = pos;
                    pos = ScanString(line, pos + 1, out _);
                    if (pos < 0 || (isTime && !IsTimestamp(line[start..pos])))
                    {
                        return false;
                    }

                    break;
                case (byte)'t':
                    pos = Literal(line, pos, "true"u8);
                    break;
                case (byte)'f':
                    pos = Literal(line, pos, "false"u8);
                    break;
                case (byte)'n':
                    pos = Literal(line, pos, "null"u8);
                    break;
                default:
                    pos = ScanNumber(line, pos);
                    break;
            }

            if (pos < 0 || !AfterValue(line, ref pos, arrays, depth, out expectKey, out closeAllowed))
            {
                return false;
            }
        }
    }

    // After a value: a comma (then a key in an object, a value in an array), or the container's end.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool AfterValue(ReadOnlySpan<byte> line, ref int pos, ulong arrays, int depth, out bool expectKey, out bool closeAllowed)
    {
        bool inArray = (arrays & (1UL << (depth - 1))) != 0;
        pos = SkipWhitespace(line, pos);
        expectKey = false;
        closeAllowed = true;
        if (pos >= line.Length)
        {
            return false;
        }

        if (line[pos] == ',')
        {
            pos++;
            expectKey = !inArray;
            closeAllowed = false;
            return true;
        }

        // Only the end of the container may follow; the loop checks which end.
        return line[pos] == (inArray ? ']' : '}');
    }

    /// <summary>The position after the closing quote, or -1 for anything the full reader must judge.</summary>
    private static int ScanString(ReadOnlySpan<byte> line, int pos, out bool escaped)
    {
        escaped = false;
        while (true)
        {
            int stop = IndexOfStringStop(line[pos..]);
            if (stop < 0)
            {
                return -1;
            }

            pos += stop;
            if (line[pos] == '"')
            {
                return pos + 1;
            }

            // A control character, or an escape: the two-character ones are taken here; \u (which
            // can be a lone surrogate) is left to the reader.
            if (line[pos] != '\\' || pos + 1 >= line.Length || line[pos + 1] is not ((byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t'))
            {
                return -1;
            }

            escaped = true;
            pos += 2;
        }
    }

    /// <summary>
    /// Where the plain part of a string ends: its closing quote, an escape, or a control character
    /// (JSON allows none unescaped); -1 when none is in <paramref name="text"/>.
    /// </summary>
    /// <remarks>
    /// Three compares per 16 bytes. Most strings of a record (keys, short values) end within the
    /// first 16 bytes; the general <c>IndexOfAny</c> over 34 values cost three times as much per
    /// call, a tenth of the sidecar's CPU (perf, Native AOT build).
    /// </remarks>
    private static int IndexOfStringStop(ReadOnlySpan<byte> text)
    {
        int i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            ref byte start = ref MemoryMarshal.GetReference(text);
            Vector128<byte> quote = Vector128.Create((byte)'"');
            Vector128<byte> backslash = Vector128.Create((byte)'\\');
            Vector128<byte> space = Vector128.Create((byte)' ');
            for (; i + Vector128<byte>.Count <= text.Length; i += Vector128<byte>.Count)
            {
                Vector128<byte> block = Vector128.LoadUnsafe(ref start, (nuint)i);
                Vector128<byte> stops = Vector128.Equals(block, quote) | Vector128.Equals(block, backslash) | Vector128.LessThan(block, space);
                if (stops != Vector128<byte>.Zero)
                {
                    return i + BitOperations.TrailingZeroCount(stops.ExtractMostSignificantBits());
                }
            }
        }

        for (; i < text.Length; i++)
        {
            if (text[i] is (byte)'"' or (byte)'\\' or < (byte)' ')
            {
                return i;
            }
        }

        return -1;
    }

    private static int ScanNumber(ReadOnlySpan<byte> line, int pos)
    {
        if (pos < line.Length && line[pos] == '-')
        {
            pos++;
        }

        if (pos >= line.Length || !char.IsAsciiDigit((char)line[pos]))
        {
            return -1;
        }

        // No leading zeros: "0" stands alone before a fraction or exponent.
        pos = line[pos] == '0' ? pos + 1 : Digits(line, pos);
        if (pos < line.Length && line[pos] == '.')
        {
            int fraction = pos + 1;
            pos = Digits(line, fraction);
            if (pos == fraction)
            {
                return -1;
            }
        }

        if (pos < line.Length && (line[pos] == 'e' || line[pos] == 'E'))
        {
            pos++;
            if (pos < line.Length && (line[pos] == '+' || line[pos] == '-'))
            {
                pos++;
            }

            int exponent = pos;
            pos = Digits(line, exponent);
            if (pos == exponent)
            {
                return -1;
            }
        }

        return pos;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Digits(ReadOnlySpan<byte> line, int pos)
    {
        while (pos < line.Length && char.IsAsciiDigit((char)line[pos]))
        {
            pos++;
        }

        return pos;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Literal(ReadOnlySpan<byte> line, int pos, ReadOnlySpan<byte> literal) =>
        line[pos..].StartsWith(literal) ? pos + literal.Length : -1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SkipWhitespace(ReadOnlySpan<byte> line, int pos)
    {
        while (pos < line.Length && line[pos] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            pos++;
        }

        return pos;
    }

    // The reader's own ISO-8601 parsing, on the quoted value alone, so the two paths agree; the
    // form Emit writes is checked first without it (a reader per record was 3 % of the CPU).
    private static bool IsTimestamp(ReadOnlySpan<byte> quoted)
    {
        if (IsPlainUtcTimestamp(quoted))
        {
            return true;
        }

        var reader = new Utf8JsonReader(quoted);
        return reader.Read() && reader.TryGetDateTimeOffset(out _);
    }

    /// <summary>
    /// <c>"YYYY-MM-DDTHH:MM:SS[.f{1,7}]Z"</c> naming a real instant: a subset of what the reader
    /// accepts, so a true here is the reader's true; anything else is left to the reader.
    /// </summary>
    private static bool IsPlainUtcTimestamp(ReadOnlySpan<byte> quoted)
    {
        // "2026-12-01T00:14:25Z" is 22 bytes with its quotes; seven fraction digits make 30.
        if (quoted.Length is < 22 or > 30 || quoted[^2] != 'Z' || quoted[5] != '-' || quoted[8] != '-' || quoted[11] != 'T' || quoted[14] != ':' || quoted[17] != ':')
        {
            return false;
        }

        if (quoted.Length > 22 && (quoted[20] != '.' || quoted.Length == 23 || Digits(quoted, 21) != quoted.Length - 2))
        {
            return false;
        }

        if (!TwoDigits(quoted, 1, out int century) || !TwoDigits(quoted, 3, out int yearOfCentury) || !TwoDigits(quoted, 6, out int month) ||
            !TwoDigits(quoted, 9, out int day) || !TwoDigits(quoted, 12, out int hour) || !TwoDigits(quoted, 15, out int minute) || !TwoDigits(quoted, 18, out int second))
        {
            return false;
        }

        int year = (century * 100) + yearOfCentury;
        return year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) && hour <= 23 && minute <= 59 && second <= 59;
    }

    private static bool TwoDigits(ReadOnlySpan<byte> text, int at, out int value)
    {
        int tens = text[at] - '0';
        int ones = text[at + 1] - '0';
        value = (tens * 10) + ones;
        return (uint)tens <= 9 && (uint)ones <= 9;
    }
}
