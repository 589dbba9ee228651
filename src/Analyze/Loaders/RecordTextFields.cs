using WideEvents.Analyze.Records;
using WideEvents.Contracts.TextLogs;

namespace WideEvents.Analyze.Loaders;

/// <summary>The shared text-log parsers' fields, set on a record.</summary>
internal sealed class RecordTextFields(Record record) : ITextRecordFields
{
    public Record Record { get; } = record;

    public void Add(string key, string value) => Record.Set(key, Value.From(value));

    public void Add(string key, long value) => Record.Set(key, Value.From(value));

    public void Add(string key, double value) => Record.Set(key, Value.From(value));

    public void Add(string key, bool value) => Record.Set(key, Value.From(value));
}
