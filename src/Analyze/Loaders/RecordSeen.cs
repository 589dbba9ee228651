using System.Text;
using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Loaders;

/// <summary>
/// Remembers CLEF records by their content, so a record shipped into a store and also read from
/// the file it was written to counts once. Records carry no id of their own; a CLEF time has 100 ns
/// resolution, so two different records with every written property equal do not happen.
/// </summary>
internal sealed class RecordSeen
{
    // Keys the shipper and the loader add on the way: the same record carries them differently.
    private static readonly HashSet<string> Added = new(StringComparer.Ordinal)
    {
        "run", "logsource", "executor", "block", "manager", "worker", "source", "host",
    };

    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly StringBuilder _key = new();

    /// <summary>False when an equal CLEF record was added before; records without <c>@t</c> are always new.</summary>
    public bool Add(Record r)
    {
        if (!r.Has("@t"))
        {
            return true;
        }
        _key.Clear();
        foreach (var (k, v) in r.Properties.Where(p => !Added.Contains(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            _key.Append(k).Append('\u0001').Append(v.ToString()).Append('\u0002');
        }
        return _seen.Add(_key.ToString());
    }
}
