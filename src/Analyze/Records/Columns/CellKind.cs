namespace WideEvents.Analyze.Records.Columns;

/// <summary>
/// What one cell of a <see cref="Column"/> holds. <see cref="Absent"/> is zero, so a column's kind
/// array doubles as its presence map: a fresh (zeroed) row has none of the keys.
/// </summary>
internal enum CellKind : byte
{
    /// <summary>The row does not have the key.</summary>
    Absent = 0,

    /// <summary>The key with a JSON null.</summary>
    Null,

    /// <summary>An integer (the payload).</summary>
    Long,

    /// <summary>A double (the payload's bits).</summary>
    Double,

    /// <summary>A boolean (payload 0 or 1).</summary>
    Bool,

    /// <summary>A string of the column's dictionary (the payload is its id).</summary>
    String,

    /// <summary>A string of the column's text arena (the payload is its offset): values that rarely repeat.</summary>
    Text,

    /// <summary>A string that was an integer in canonical form (<c>"358"</c>): held as the integer, read back as the same text.</summary>
    LongText,

    /// <summary>A string that was a double in its round-trip form (<c>"1795555280.4886014"</c>): held as the double, read back as the same text.</summary>
    DoubleText,
}
