using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;

namespace WideEvents.Analyze.Visuals.Report;

/// <summary>
/// The report's HTML, kept in the embedded <c>HtmlReport.html</c> as named fragments
/// (<c>&lt;!--# name --&gt;</c> starts one) instead of in C# strings. A fragment's <c>{{key}}</c>
/// is filled with HTML-encoded text, its <c>{{{key}}}</c> with HTML made by other fragments or the
/// SVG charts. A key without a value, or a value without a key, is a bug in the template, not in
/// the records, and throws.
/// </summary>
internal static partial class ReportTemplate
{
    private static readonly Lazy<Dictionary<string, string>> Fragments = new(Read);

    /// <summary>Fragment <paramref name="name"/> filled with <paramref name="values"/>: strings are encoded, <see cref="Html"/> is not.</summary>
    public static Html Fill(string name, params (string Key, object Value)[] values)
    {
        var text = Fragments.Value.TryGetValue(name, out var t) ? t : throw new InvalidOperationException($"no report fragment '{name}'");
        var map = values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var filled = Placeholder().Replace(text, m =>
        {
            var raw = m.Groups["raw"].Success;
            var key = raw ? m.Groups["raw"].Value : m.Groups["text"].Value;
            if (!map.TryGetValue(key, out var value))
            {
                throw new InvalidOperationException($"report fragment '{name}' needs '{key}'");
            }
            used.Add(key);
            return (raw, value) switch
            {
                (true, Html html) => html.Text,
                (false, string s) => WebUtility.HtmlEncode(s),
                _ => throw new InvalidOperationException($"report fragment '{name}': '{key}' must be {(raw ? "HTML" : "text")}"),
            };
        });
        var unused = map.Keys.FirstOrDefault(k => !used.Contains(k));
        return unused is null ? new Html(filled) : throw new InvalidOperationException($"report fragment '{name}' has no '{unused}'");
    }

    /// <summary>The fragments joined, in order.</summary>
    public static Html Join(IEnumerable<Html> parts) => new(string.Concat(parts.Select(p => p.Text)));

    private static Dictionary<string, string> Read()
    {
        using var stream = typeof(ReportTemplate).Assembly.GetManifestResourceStream("report/HtmlReport.html")
            ?? throw new InvalidOperationException("the report template is not embedded");
        using var reader = new StreamReader(stream);
        var fragments = new Dictionary<string, string>(StringComparer.Ordinal);
        var parts = Start().Split(reader.ReadToEnd().ReplaceLineEndings("\n"));
        // Split keeps the captured names: "", name, text, name, text, ...
        for (var i = 1; i + 1 < parts.Length; i += 2)
        {
            fragments[parts[i]] = parts[i + 1].TrimEnd('\n');
        }
        return fragments;
    }

    [GeneratedRegex(@"^<!--# ([a-z-]+) -->\n", RegexOptions.Multiline)]
    private static partial Regex Start();

    [GeneratedRegex(@"\{\{\{(?<raw>\w+)\}\}\}|\{\{(?<text>\w+)\}\}")]
    private static partial Regex Placeholder();
}
