using WideEvents.Analyze.Records;

namespace WideEvents.Web.Data;

/// <summary>Key = value pairs (canonical comparison) and a case-insensitive text search over the message.</summary>
internal sealed class RecordFilter(IReadOnlyList<KeyValuePair<string, Value>> pairs, string? text)
{
    public static RecordFilter None { get; } = new([], null);

    public IReadOnlyList<KeyValuePair<string, Value>> Pairs { get; } = pairs;

    public bool IsEmpty => Pairs.Count == 0 && string.IsNullOrEmpty(text);

    /// <summary>Reads <c>f=key=value</c> (repeated) and <c>q=text</c>.</summary>
    public static RecordFilter Parse(IEnumerable<string?> filters, string? text)
    {
        var pairs = new List<KeyValuePair<string, Value>>();
        foreach (var f in filters)
        {
            var eq = f?.IndexOf('=') ?? -1;
            if (eq > 0)
            {
                pairs.Add(new(f![..eq], Value.From(f[(eq + 1)..]).Canonical()));
            }
        }
        return new RecordFilter(pairs, string.IsNullOrWhiteSpace(text) ? null : text.Trim());
    }

    public bool Matches(Record r)
    {
        foreach (var (k, v) in Pairs)
        {
            if (!r.TryGet(k, out var have) || !have.Canonical().Equals(v))
            {
                return false;
            }
        }
        return text is null || (r.Message() ?? "").Contains(text, StringComparison.OrdinalIgnoreCase);
    }
}
