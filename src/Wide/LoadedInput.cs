using WideEvents.Analyze.Algebra;
using WideEvents.Analyze.Loaders;
using WideEvents.Analyze.Records;
using WideEvents.Analyze.Reports;
using WideEvents.Cli.Output;

namespace WideEvents.Cli;

/// <summary>What <see cref="InputOptions.Load"/> produced.</summary>
/// <param name="Result">The loaded records and files.</param>
/// <param name="Rules">The outcome of the rules, when any were applied.</param>
/// <param name="Output">The output format chosen by <c>--json</c> / <c>--csv</c>.</param>
/// <param name="AppliedRules">The rule sets applied: the <c>--rules</c> argument, or the shipped sets of the recognised formats.</param>
/// <param name="Lifecycles">The lifecycles that read entity states: the <c>--lifecycle</c> files, then the built-in ones.</param>
public sealed record LoadedInput(LoadResult Result, RuleOutcome? Rules, OutputFormat Output, IReadOnlyList<string> AppliedRules, IReadOnlyList<Lifecycle> Lifecycles)
{
    /// <summary>The records.</summary>
    public List<Record> Records => Result.Records;

    /// <summary>How times are printed: UTC, or the local zone with <c>--local</c>.</summary>
    internal Times Times { get; init; } = Times.Utc;
}
