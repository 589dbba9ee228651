using System.Buffers.Text;
using System.Globalization;

namespace WideEvents.Analyze.Records.Columns;

/// <summary>
/// Recognises strings that are numbers written as text (Python's JSON logs write <c>"created":
/// "1795555280.4886014"</c>, <c>"parsl_task_id": "358"</c>), so a column holds the number and not a
/// string per record. Only text that the number renders back to exactly is taken (no <c>"03"</c>,
/// <c>"1.50"</c>, <c>"+1"</c>): the record still reads as the string it was.
/// </summary>
internal static class NumericText
{
    // ValueNormalizer treats integer strings of at most 18 characters as integers: longer ones stay
    // text here too, so canonical forms do not change.
    private const int MaxIntegerLength = 18;

    public static bool TryParse(ReadOnlySpan<byte> utf8, out CellKind kind, out long payload)
    {
        kind = CellKind.Absent;
        payload = 0;
        if (utf8.Length is 0 or > 32)
        {
            return false;
        }
        var start = utf8[0] == (byte)'-' ? 1 : 0;
        if (start == utf8.Length || !char.IsAsciiDigit((char)utf8[start]))
        {
            return false;
        }
        if (utf8[start..].IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0)
        {
            var leadingZero = utf8[start] == (byte)'0' && (utf8.Length > 1);
            if (utf8.Length > MaxIntegerLength || leadingZero
                || !Utf8Parser.TryParse(utf8, out long n, out var used) || used != utf8.Length)
            {
                return false;
            }
            kind = CellKind.LongText;
            payload = n;
            return true;
        }
        if (!double.TryParse(utf8, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || !double.IsFinite(d))
        {
            return false;
        }
        Span<byte> back = stackalloc byte[40];
        if (!d.TryFormat(back, out var written, "R", CultureInfo.InvariantCulture) || !back[..written].SequenceEqual(utf8))
        {
            return false;
        }
        kind = CellKind.DoubleText;
        payload = BitConverter.DoubleToInt64Bits(d);
        return true;
    }
}
