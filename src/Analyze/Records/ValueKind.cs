namespace WideEvents.Analyze.Records;

/// <summary>The kind of a <see cref="Value"/>.</summary>
public enum ValueKind : byte
{
    /// <summary>JSON null, or a missing SQL value.</summary>
    Null,
    /// <summary>Text.</summary>
    String,
    /// <summary>A 64-bit integer.</summary>
    Long,
    /// <summary>A 64-bit floating point number.</summary>
    Double,
    /// <summary>True or false.</summary>
    Bool,
}
