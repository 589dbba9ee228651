using System.CommandLine;
using WideEvents.Analyze.Loaders;
using WideEvents.Cli.Lint;
using WideEvents.Cli.Output;

namespace WideEvents.Cli.Commands;

/// <summary>
/// <c>wide lint PATHS --rules FILE</c>: checks records as they were written (no join rules
/// applied) against "x implies y" rules and the required keys of templates, for CI.
/// </summary>
internal static class LintCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Log files or directories (searched recursively)", Arity = ArgumentArity.OneOrMore };
        var rules = new Option<string>("--rules", "-r")
        {
            Description = "Rule file: each {\"keys\": [...], \"implies\": ...} is checked as 'a record with the keys has the implied keys', each {\"template\": T, \"requires\": [...]} as 'a record of template T has these keys'",
            Required = true,
        };
        var format = new Option<LogFormat>("--format") { Description = "Input format for every file (default: sniffed per file)", DefaultValueFactory = _ => LogFormat.Auto };
        var json = new Option<bool>("--json") { Description = "Write JSON lines (one object per violation)" };
        var csv = new Option<bool>("--csv") { Description = "Write CSV" };
        var command = new Command("lint", "Check records against rules ('x implies y', required keys per template); list each violation with source, line and template; exit 1 when any rule is broken");
        command.Arguments.Add(paths);
        command.Options.Add(rules);
        command.Options.Add(format);
        command.Options.Add(json);
        command.Options.Add(csv);
        CommandAction.Set(command, parse =>
        {
            var output = OutputFormats.From(parse.GetValue(json), parse.GetValue(csv));
            var lintRules = LintRuleFile.Load(parse.GetValue(rules)!);
            var inputs = parse.GetValue(paths) ?? [];
            if (inputs.FirstOrDefault(p => !File.Exists(p) && !Directory.Exists(p)) is { } missing)
            {
                throw new CommandException($"no such file or directory: {missing}");
            }
            var error = parse.InvocationConfiguration.Error;
            if (lintRules.Rules.Count == 0)
            {
                throw new CommandException($"{parse.GetValue(rules)} has no implies or requires rule to check");
            }
            var loaded = RecordLoader.Load(inputs, new LoadOptions { Format = parse.GetValue(format) });
            var violations = Linter.Check(loaded, lintRules.Rules);
            var table = new Table("source", "line", "template", "rule", "missing");
            foreach (var v in violations)
            {
                table.Add(v.Source, v.Line, v.Template ?? "", v.Rule.Text, string.Join(",", v.Missing));
            }
            if (violations.Count > 0)
            {
                table.Write(parse.InvocationConfiguration.Output, output);
            }
            var broken = violations.Select(v => v.Rule).Distinct().Count();
            var ignored = lintRules.Ignored > 0 ? $"; {lintRules.Ignored} rewriting rules (copy, rename, widen, normalize) are no checks and were skipped" : "";
            error.WriteLine(violations.Count == 0
                ? $"lint: all {lintRules.Rules.Count} rules hold over {loaded.Records.Count} records{ignored}"
                : $"lint: {violations.Count} violations of {broken} of {lintRules.Rules.Count} rules in {loaded.Records.Count} records{ignored}");
            foreach (var group in violations.GroupBy(v => (v.Rule.Text, v.Template)).OrderByDescending(g => g.Count()).Take(20))
            {
                error.WriteLine($"  {group.Count()} x {group.Key.Text}: template {group.Key.Template ?? "(none)"}");
            }
            return violations.Count == 0 ? ExitCodes.Ok : ExitCodes.RuleBroken;
        });
        return command;
    }
}
