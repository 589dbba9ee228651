using System.Text.RegularExpressions;

namespace WideEvents.Analyze.Reports;

/// <summary>
/// The invariant part of a template: hex addresses, UUIDs, quoted values and numbers inside the
/// text become placeholders, so "waiting on task 4" and "waiting on task 12", or two
/// <c>&lt;AppFuture at 0x7fffc01aa2b0 ...&gt;</c> reprs, are one step. Cached per distinct template.
/// </summary>
internal static partial class TemplateShape
{
    [GeneratedRegex(@"\b0x[0-9a-fA-F]+\b")]
    private static partial Regex Hex();

    [GeneratedRegex(@"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b")]
    private static partial Regex Uuid();

    [GeneratedRegex(@"'[^'\n]*'|""[^""\n]*""")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"(?<![\w.%])[-+]?\d+(?:\.\d+)?(?![\w.])")]
    private static partial Regex Number();

    public static string Of(string template) =>
        Number().Replace(Quoted().Replace(Uuid().Replace(Hex().Replace(template, "%x"), "%u"), "%q"), "%s");
}
