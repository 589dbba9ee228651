namespace WideEvents.Shipper.Records;

/// <summary>Whether a line can be shipped as a record, and why not.</summary>
internal enum LineVerdict
{
    /// <summary>One JSON object, valid UTF-8.</summary>
    Record,

    /// <summary>Empty or whitespace only: skipped, not quarantined.</summary>
    Blank,

    /// <summary>Not valid UTF-8.</summary>
    InvalidUtf8,

    /// <summary>Not exactly one JSON object.</summary>
    NotJsonObject,

    /// <summary>A <c>\uXXXX</c> escape that is no Unicode text (a lone surrogate): readers that decode strings reject the record.</summary>
    InvalidUnicodeEscape,

    /// <summary>A top-level <c>@t</c> that is not an ISO-8601 timestamp string (a missing one is allowed).</summary>
    BadTimestamp,

    /// <summary>In a translated text log: neither a line of its format nor part of an entry.</summary>
    NotInFormat,

    /// <summary>Longer than the configured maximum.</summary>
    Oversize,
}
