using System.Text;
using System.Text.RegularExpressions;

namespace WideEvents.Shipper.Records;

/// <summary>
/// Extracts fields from a file path by a pattern such as <c>runinfo/{run}/{component}.jsonl</c>,
/// matched against the end of the path. <c>*</c> matches within one directory, <c>**</c> across.
/// </summary>
internal sealed class PathFieldPattern
{
    private readonly Regex _regex;
    private readonly string[] _names;

    public PathFieldPattern(string pattern)
    {
        var names = new List<string>();
        var regex = new StringBuilder("(?:^|/)");
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c == '{')
            {
                int close = pattern.IndexOf('}', i);
                if (close < 0)
                {
                    throw new FormatException($"Unclosed '{{' in path pattern '{pattern}'.");
                }

                string name = pattern[(i + 1)..close];
                names.Add(name);
                regex.Append("(?<f").Append(names.Count - 1).Append(">[^/]+?)");
                i = close;
            }
            else if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                regex.Append(".*");
                i++;
            }
            else if (c == '*')
            {
                regex.Append("[^/]*");
            }
            else
            {
                regex.Append(Regex.Escape(c.ToString()));
            }
        }

        regex.Append('$');
        _regex = new Regex(regex.ToString(), RegexOptions.CultureInvariant);
        _names = [.. names];
    }

    /// <summary>The fields the path yields; empty when it does not match.</summary>
    public IEnumerable<KeyValuePair<string, string>> Extract(string path)
    {
        Match match = _regex.Match(path.Replace('\\', '/'));
        if (!match.Success)
        {
            yield break;
        }

        for (int i = 0; i < _names.Length; i++)
        {
            yield return new KeyValuePair<string, string>(_names[i], match.Groups["f" + i].Value);
        }
    }
}
