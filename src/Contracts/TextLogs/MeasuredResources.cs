using System.Globalization;
using System.Text.RegularExpressions;

namespace WideEvents.Contracts.TextLogs;

/// <summary>
/// The <c>{"name":[value,"unit"],...}</c> dictionaries of Work Queue and TaskVine TASK lines as
/// typed keys, <c>wq_measured_NAME</c> (a leading <c>wq_</c> of the name dropped, so
/// <c>wq_input_time</c> becomes <c>wq_measured_input_time</c>), in the dictionary's own unit.
/// Each complete pair is read on its own, so a dictionary cut short (the cctools manual's samples
/// end in <c>...</c>) still gives the pairs before the cut.
/// </summary>
internal static partial class MeasuredResources
{
    [GeneratedRegex("\"(?<name>[A-Za-z_][A-Za-z0-9_]*)\":\\[(?<value>-?[0-9][0-9.eE+-]*),\"[^\"]*\"\\]")]
    private static partial Regex Pair();

    public static void Add(ITextRecordFields fields, string dictionary)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in Pair().Matches(dictionary))
        {
            if (double.TryParse(m.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                var name = m.Groups["name"].Value;
                var key = "wq_measured_" + (name.StartsWith("wq_", StringComparison.Ordinal) ? name[3..] : name);
                // A name twice in one dictionary would be a duplicate JSON key; the first one stands.
                if (seen.Add(key))
                {
                    fields.Add(key, value);
                }
            }
        }
    }
}
