using System.Globalization;

namespace WideEvents.Analyze.Records;

/// <summary>
/// One property value: string, integer, floating point, boolean or null. A struct, so integers and
/// doubles live inside the record's value array instead of being boxed one object per property.
/// </summary>
public readonly struct Value : IEquatable<Value>
{
    private readonly string? _text;
    private readonly long _bits;

    private Value(ValueKind kind, long bits, string? text)
    {
        Kind = kind;
        _bits = bits;
        _text = text;
    }

    /// <summary>The null value.</summary>
    public static Value Null => default;

    /// <summary>What this value holds.</summary>
    public ValueKind Kind { get; }

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
    public string? AsString => Kind == ValueKind.String ? _text : null;

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
                return double.TryParse(_text, NumberStyles.Float, CultureInfo.InvariantCulture, out number);
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
        Kind == other.Kind && _bits == other._bits && string.Equals(_text, other._text, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Value v && Equals(v);

    /// <inheritdoc />
    public override int GetHashCode() =>
        Kind == ValueKind.String ? StringComparer.Ordinal.GetHashCode(_text!) : HashCode.Combine(Kind, _bits);

    /// <summary>Equality.</summary>
    public static bool operator ==(Value left, Value right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Value left, Value right) => !left.Equals(right);

    /// <summary>The value as text: strings unquoted, numbers in invariant culture, null as empty.</summary>
    public override string ToString() => Kind switch
    {
        ValueKind.String => _text!,
        ValueKind.Long => _bits.ToString(CultureInfo.InvariantCulture),
        ValueKind.Double => AsDouble.ToString("R", CultureInfo.InvariantCulture),
        ValueKind.Bool => AsBool ? "true" : "false",
        _ => "",
    };
}
