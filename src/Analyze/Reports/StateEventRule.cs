using System.Text.RegularExpressions;
using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Reports;

/// <summary>
/// One way a record says an entity is in a state: the value of a key (<c>parsl_task_status</c>),
/// or a message pattern whose <c>state</c> group, or fixed state, names it.
/// </summary>
internal sealed class StateEventRule(string? key, Regex? regex, string? contains, string? state, IReadOnlyList<KeyValuePair<string, string>> where)
{
    private readonly byte[]? _asciiContains = MessageText.AsciiBytes(contains);

    /// <summary>The state <paramref name="r"/> states, if any; <paramref name="text"/> caches the record's message across rules.</summary>
    public string? Read(Record r, ref MessageText text)
    {
        // Indexed, not foreach: an interface's enumerator is an allocation, and this runs per record and rule.
        for (var i = 0; i < where.Count; i++)
        {
            var (k, v) = where[i];
            if (!r.TryGet(k, out var have) || have.ToString() != v)
            {
                return null;
            }
        }
        if (key is not null)
        {
            return r.TryGet(key, out var v) && !v.IsNull ? v.ToString() : null;
        }
        if (contains is not null && !text.Contains(r, contains, _asciiContains))
        {
            return null;
        }
        var message = text.Of(r);
        if (message is null)
        {
            return null;
        }
        var m = regex!.Match(message);
        return !m.Success ? null : state ?? m.Groups["state"].Value;
    }
}
