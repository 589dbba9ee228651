namespace WideEvents.Analyze.Records;

internal static class ValueNormalizer
{
    public static Value Canonical(Value value)
    {
        if (value.Kind == ValueKind.Double)
        {
            var d = value.AsDouble;
            // Integral doubles happen when a source writes ids as 3.0; they are the same id as 3.
            return d == Math.Floor(d) && Math.Abs(d) < 1e15 ? Value.From((long)d) : value;
        }
        if (value.Kind != ValueKind.String)
        {
            return value;
        }
        var s = value.AsString!;
        if (s.Length >= 3 && s[0] == 'b' && (s[1] == '\'' || s[1] == '"') && s[^1] == s[1])
        {
            s = s[2..^1];
        }
        if (IsInteger(s) && long.TryParse(s, System.Globalization.NumberStyles.AllowLeadingSign,
                System.Globalization.CultureInfo.InvariantCulture, out var n))
        {
            return Value.From(n);
        }
        if (LooksLikeUuid(s) && s.AsSpan().ContainsAnyInRange('A', 'F') && Guid.TryParseExact(s, "D", out _))
        {
            return Value.From(s.ToLowerInvariant());
        }
        return ReferenceEquals(s, value.AsString) ? value : Value.From(s);
    }

    private static bool LooksLikeUuid(string s) =>
        s.Length == 36 && s[8] == '-' && s[13] == '-' && s[18] == '-' && s[23] == '-';

    private static bool IsInteger(string s)
    {
        if (s.Length is 0 or > 18)
        {
            return false;
        }
        var start = s[0] == '-' ? 1 : 0;
        if (start == s.Length)
        {
            return false;
        }
        for (var i = start; i < s.Length; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                return false;
            }
        }
        return true;
    }
}
