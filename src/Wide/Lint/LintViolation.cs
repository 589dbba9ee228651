namespace WideEvents.Cli.Lint;

/// <summary>A record that breaks a rule: where it is, its template, the rule and the keys it lacks.</summary>
internal sealed record LintViolation(string Source, int Line, string? Template, LintRule Rule, IReadOnlyList<string> Missing);
