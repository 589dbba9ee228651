using System.Text;

namespace WideEvents.Emit.Spans;

/// <summary>The fields of an activity's span record and its template, in the form loggers read state in.</summary>
internal sealed class ActivityRecordState(string template, List<KeyValuePair<string, object?>> fields) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public int Count => fields.Count + 1;

    public KeyValuePair<string, object?> this[int index] => index < fields.Count ? fields[index] : new("{OriginalFormat}", template);

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The template with its holes filled, for other providers and <c>@m</c>.</summary>
    public override string ToString()
    {
        var message = new StringBuilder(template);
        foreach (var (key, value) in fields)
        {
            message.Replace("{" + key + "}", Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
        }

        return message.ToString();
    }
}
