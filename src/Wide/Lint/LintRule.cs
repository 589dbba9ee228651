namespace WideEvents.Cli.Lint;

/// <summary>
/// One check: a record that has every key of <see cref="When"/> (and, when <see cref="Template"/>
/// is set, that template) must have each key of <see cref="Requires"/>.
/// </summary>
/// <param name="When">Keys whose presence makes the rule apply; empty for a template's required keys.</param>
/// <param name="Template">The template a record must have for the rule to apply, or null for any.</param>
/// <param name="Requires">Keys the record must then have.</param>
/// <param name="Text">The rule as the file wrote it, for the report.</param>
internal sealed record LintRule(IReadOnlyList<string> When, string? Template, IReadOnlyList<string> Requires, string Text);
