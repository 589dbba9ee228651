using System.Text.RegularExpressions;
using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Reports;

/// <summary>
/// One way a record says an entity is in a state: the value of a key (<c>parsl_task_status</c>),
/// or a message pattern whose <c>state</c> group, or fixed state, names it.
/// </summary>
internal sealed class StateEventRule(string? key, Regex? message, string? contains, string? state, IReadOnlyList<KeyValuePair<string, string>> where)
{
    public string? Read(Record r)
    {
        foreach (var (k, v) in where)
        {
            if (!r.TryGet(k, out var have) || have.ToString() != v)
            {
                return null;
            }
        }
        if (key is not null)
        {
            return r.TryGet(key, out var v) && !v.IsNull ? v.ToString() : null;
        }
        var text = r.Message();
        if (text is null || contains is not null && !text.Contains(contains, StringComparison.Ordinal))
        {
            return null;
        }
        var m = message!.Match(text);
        return !m.Success ? null : state ?? m.Groups["state"].Value;
    }
}
