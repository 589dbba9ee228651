using System.Globalization;
using System.Text.RegularExpressions;
using WideEvents.Analyze.Records;

namespace WideEvents.Analyze.Loaders;

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

    public static void Set(Record r, string dictionary)
    {
        foreach (Match m in Pair().Matches(dictionary))
        {
            if (double.TryParse(m.Groups["value"].ValueSpan, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                var name = m.Groups["name"].Value;
                r.Set("wq_measured_" + (name.StartsWith("wq_", StringComparison.Ordinal) ? name[3..] : name), value);
            }
        }
    }
}
