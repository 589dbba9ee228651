using System.Globalization;
using System.Runtime.CompilerServices;

namespace WideEvents.Analyze.Records;

/// <summary>
/// One property value: string, integer, floating point, boolean or null. A struct, so integers and
/// doubles live inside the record's value array instead of being boxed one object per property.
/// </summary>
public readonly struct Value : IEquatable<Value>
{
    // 16 bytes, not 24: the reference is the text for a string, a shared tag naming the kind for a
    // number or boolean (whose bits are in _bits), and null for null. Millions of records hold
    // about a dozen values each, so the kind field's padding was a third of every value array.
    private readonly object? _ref;
    private readonly long _bits;

    private Value(ValueKind kind, long bits, string? text)
    {
        _bits = bits;
        _ref = kind switch
        {
            ValueKind.String => text,
            ValueKind.Long => KindTag.Long,
            ValueKind.Double => KindTag.Double,
            ValueKind.Bool => KindTag.Bool,
            _ => null,
        };
    }

    /// <summary>The null value.</summary>
    public static Value Null => default;

    /// <summary>What this value holds.</summary>
    public ValueKind Kind => _ref switch
    {
        null => ValueKind.Null,
        string => ValueKind.String,
        _ => Unsafe.As<KindTag>(_ref).Kind,
    };

    /// <summary>True for <see cref="ValueKind.Null"/>.</summary>
    public bool IsNull => Kind == ValueKind.Null;

    /// <summary>A string value (null gives <see cref="Null"/>).</summary>
    public static Value From(string? text) => text is null ? default : new Value(ValueKind.String, 0, text);

    /// <summary>An integer value.</summary>
    public static Value From(long number) => new(ValueKind.Long, number, null);

    /// <summary>A floating point value.</summary>
    public static Value From(double number) => new(ValueKind.Double, BitConverter.DoubleToInt64Bits(number), null);

    /// <summary>A boolean value.</summary>
    public static Value From(bool flag) => new(ValueKind.Bool, flag ? 1 : 0, null);

    /// <summary>Implicit conversion from text.</summary>
    public static implicit operator Value(string? text) => From(text);

    /// <summary>Implicit conversion from an integer.</summary>
    public static implicit operator Value(long number) => From(number);

    /// <summary>Implicit conversion from a double.</summary>
    public static implicit operator Value(double number) => From(number);

    /// <summary>Implicit conversion from a boolean.</summary>
    public static implicit operator Value(bool flag) => From(flag);

    /// <summary>The text when <see cref="Kind"/> is <see cref="ValueKind.String"/>, otherwise null.</summary>
    public string? AsString => _ref as string;

    /// <summary>The integer when this is a <see cref="ValueKind.Long"/>.</summary>
    public long AsLong => _bits;

    /// <summary>The double when this is a <see cref="ValueKind.Double"/>.</summary>
    public double AsDouble => BitConverter.Int64BitsToDouble(_bits);

    /// <summary>The boolean when this is a <see cref="ValueKind.Bool"/>.</summary>
    public bool AsBool => _bits != 0;

    /// <summary>
    /// This value as a number: integers and doubles directly, strings when they parse as a number
    /// (Python's JSON logs write every number as a string). Otherwise false.
    /// </summary>
    public bool TryGetNumber(out double number)
    {
        switch (Kind)
        {
            case ValueKind.Long: number = _bits; return true;
            case ValueKind.Double: number = AsDouble; return true;
            case ValueKind.String:
                return double.TryParse((string)_ref!, NumberStyles.Float, CultureInfo.InvariantCulture, out number);
            default: number = 0; return false;
        }
    }

    /// <summary>
    /// The form used to compare identifiers across sources: integer strings become integers
    /// (<c>"03"</c> equals <c>3</c>), UUIDs become lower case, Python byte-string reprs
    /// (<c>b'abc'</c>) become their content.
    /// </summary>
    public Value Canonical() => ValueNormalizer.Canonical(this);

    /// <inheritdoc />
    public bool Equals(Value other) =>
        _bits == other._bits && (ReferenceEquals(_ref, other._ref) ||
            (_ref is string a && other._ref is string b && string.Equals(a, b, StringComparison.Ordinal)));

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Value v && Equals(v);

    /// <inheritdoc />
    public override int GetHashCode() =>
        _ref is string text ? StringComparer.Ordinal.GetHashCode(text) : HashCode.Combine(Kind, _bits);

    /// <summary>Equality.</summary>
    public static bool operator ==(Value left, Value right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Value left, Value right) => !left.Equals(right);

    /// <summary>The value as text: strings unquoted, numbers in invariant culture, null as empty.</summary>
    public override string ToString() => Kind switch
    {
        ValueKind.String => (string)_ref!,
        ValueKind.Long => _bits.ToString(CultureInfo.InvariantCulture),
        ValueKind.Double => AsDouble.ToString("R", CultureInfo.InvariantCulture),
        ValueKind.Bool => AsBool ? "true" : "false",
        _ => "",
    };

    private sealed class KindTag(ValueKind kind)
    {
        public static readonly KindTag Long = new(ValueKind.Long);
        public static readonly KindTag Double = new(ValueKind.Double);
        public static readonly KindTag Bool = new(ValueKind.Bool);

        public ValueKind Kind { get; } = kind;
    }
}
