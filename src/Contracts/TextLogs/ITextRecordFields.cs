namespace WideEvents.Contracts.TextLogs;

/// <summary>
/// Where a text-log line's fields go: the analysis loaders set them on a record, the shipper
/// writes them as JSON. One parser, two destinations, so a live-shipped line and a loaded one
/// become the same record.
/// </summary>
internal interface ITextRecordFields
{
    void Add(string key, string value);

    void Add(string key, long value);

    void Add(string key, double value);

    void Add(string key, bool value);
}
