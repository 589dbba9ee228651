using System.CommandLine;
using WideEvents.Analyze.Algebra;
using WideEvents.Analyze.Loaders;
using WideEvents.Analyze.Reports;
using WideEvents.Cli.Output;

namespace WideEvents.Cli;

/// <summary>
/// The arguments and options every analysis command shares: input paths, <c>--rules</c>,
/// <c>--format</c>, <c>--lifecycle</c>, <c>--where</c>, and the output switches <c>--json</c> and <c>--csv</c>. New commands add these
/// to themselves and call <see cref="Load"/>.
/// </summary>
public sealed class InputOptions
{
    private readonly string? _writes;

    /// <summary>Options for a command that prints a table: <c>--json</c> and <c>--csv</c> choose its format.</summary>
    public InputOptions()
    {
    }

    /// <summary>
    /// Options for a command that writes something other than a table (<paramref name="writes"/>, e.g. "an HTML file"):
    /// <c>--json</c> and <c>--csv</c> are not in its help and are refused with exit code 2, not silently ignored.
    /// </summary>
    public InputOptions(string writes)
    {
        _writes = writes;
        Json.Hidden = true;
        Csv.Hidden = true;
    }

    /// <summary>
    /// Whether the command lists skipped files in its own output (<c>wide load</c> does), so that
    /// <see cref="Load"/> does not list them on stderr a second time.
    /// </summary>
    public bool ListsSkippedFiles { get; init; }

    /// <summary>Files or directories to load (directories are searched recursively).</summary>
    public Argument<string[]> Paths { get; } = new("paths")
    {
        Description = "Log files or directories (searched recursively; unrecognised files are reported and skipped)",
        Arity = ArgumentArity.OneOrMore,
    };

    /// <summary>A rule file, or the name of a shipped one (e.g. <c>parsl</c>).</summary>
    public Option<string?> Rules { get; } = new("--rules", "-r")
    {
        Description = $"Rule file (JSON) applied to fixpoint after loading, or the name of a shipped rule set: {string.Join(", ", RuleFiles.ShippedNames())}",
    };

    /// <summary>Turns off the rule sets that recognised inputs bring with them.</summary>
    public Option<bool> NoRules { get; } = new("--no-rules")
    {
        Description = "Apply no rules: neither --rules nor the shipped rule set of a recognised format (Parsl, TaskFarm, Work Queue)",
    };

    /// <summary>Forces one loader for every file instead of sniffing.</summary>
    public Option<LogFormat> Format { get; } = new("--format")
    {
        Description = "Input format for every file (default: sniffed per file)",
        DefaultValueFactory = _ => LogFormat.Auto,
    };

    /// <summary>A user's own lifecycle files, read before the built-in ones.</summary>
    public Option<string[]> Lifecycles { get; } = new("--lifecycle")
    {
        Description = "A lifecycle file (JSON, format in docs/analyze.md) read before the built-in ones (Parsl, Work Queue, TaskVine, TaskFarm); may be repeated",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>Keeps only one user's records (the <c>user</c> a collector stamps from the caller's token).</summary>
    public Option<string?> User { get; } = new("--user")
    {
        Description = "Only the records of this user (the 'user' a collector stamps from the sender's token: docs/shipper.md)",
    };

    /// <summary>An SQL boolean expression (DuckDB's dialect) that keeps only the records it holds for, after the rules.</summary>
    public Option<string?> Where { get; } = new("--where")
    {
        Description = "Keep only the records (after rules) for which this SQL boolean expression holds, e.g. \"logsource = 'interchange log' and created > 1795555281\" (columns as in 'wide query')",
    };

    /// <summary>JSON lines output.</summary>
    public Option<bool> Json { get; } = new("--json") { Description = "Write JSON lines (one object per row) for machines" };

    /// <summary>CSV output.</summary>
    public Option<bool> Csv { get; } = new("--csv") { Description = "Write CSV for spreadsheets" };

    /// <summary>Adds the paths argument and the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Arguments.Add(Paths);
        command.Options.Add(Rules);
        command.Options.Add(NoRules);
        command.Options.Add(Format);
        command.Options.Add(Lifecycles);
        command.Options.Add(User);
        command.Options.Add(Where);
        command.Options.Add(Json);
        command.Options.Add(Csv);
    }

    /// <summary>
    /// Loads the paths (with a progress bar on stderr when that takes over a second on a terminal),
    /// applies the rules (<c>--rules</c>, else the shipped rule sets of the recognised formats,
    /// unless <c>--no-rules</c>), and reports on stderr the rules applied, skipped files and rule conflicts.
    /// </summary>
    /// <exception cref="CommandException">A path is missing or the rule file is invalid.</exception>
    /// <param name="parseResult">The parsed command line.</param>
    /// <param name="paths">The paths to load instead of the <see cref="Paths"/> argument's (<c>wide metric --list</c> takes every argument as a path).</param>
    public LoadedInput Load(ParseResult parseResult, IReadOnlyList<string>? paths = null)
    {
        var format = ReadOutputFormat(parseResult);
        var quiet = GlobalOptions.Quiet(parseResult);
        // --quiet silences notes, not warnings or errors: those go to the real stderr whatever.
        var error = parseResult.InvocationConfiguration.Error;
        var notes = quiet ? TextWriter.Null : error;
        paths ??= parseResult.GetValue(Paths) ?? [];
        var noRules = parseResult.GetValue(NoRules);
        var rulesArg = noRules ? null : parseResult.GetValue(Rules);
        var rules = rulesArg is null ? null : RuleFiles.Load(rulesArg);
        var lifecycles = LoadLifecycles(parseResult);
        var missing = paths.FirstOrDefault(p => !File.Exists(p) && !Directory.Exists(p));
        if (missing is not null)
        {
            throw new CommandException($"no such file or directory: {missing}");
        }
        var options = new LoadOptions { Format = parseResult.GetValue(Format) };
        var status = WorkStatus.Current;
        var result = status is null ? RecordLoader.Load(paths, options) : status.Load(progress => RecordLoader.Load(paths, options, progress), show: !quiet);
        if (parseResult.GetValue(User) is { } user)
        {
            var before = result.Records.Count;
            result.Records.RemoveAll(r => r["user"].AsString != user);
            notes.WriteLine($"--user {user}: {result.Records.Count} of {before} records");
        }
        if (!ListsSkippedFiles)
        {
            foreach (var s in result.Skipped.Take(5))
            {
                notes.WriteLine($"skipped {s.Path}: {s.Reason}");
            }
            if (result.Skipped.Count > 5)
            {
                notes.WriteLine($"... and {result.Skipped.Count - 5} more skipped files ('wide load' lists them all; --quiet leaves them out)");
            }
        }
        if (result.Duplicates > 0)
        {
            notes.WriteLine($"{result.Duplicates} records read twice (from a file and from the store it was shipped to) counted once");
        }
        foreach (var f in result.Files.Where(f => f.BadLines > 0 && f.BadLines >= f.Records))
        {
            error.WriteLine($"warning: {f.Path}: {f.BadLines} of {f.BadLines + f.Records} lines are not records; is it really {f.Format}?");
        }
        foreach (var f in result.Files.Where(f => f.BadLines > 0 && f.BadLines < f.Records))
        {
            // A writer killed mid-record leaves a last line without its end; say so rather than drop it unseen.
            error.WriteLine(EndsCutShort(f.Path)
                ? $"warning: {f.Path}: the last line is cut short (no newline at the end) and was not read{(f.BadLines > 1 ? $"; {f.BadLines - 1} other lines were not records either" : "")}"
                : $"warning: {f.Path}: {f.BadLines} lines are not records and were not read");
        }
        var applied = new List<string>();
        if (rules is not null)
        {
            applied.Add(rulesArg!);
        }
        else if (!noRules)
        {
            // A recognised format brings its joins: without them half a Parsl run stays unjoined.
            var recognised = ShippedRules.Recognise(result);
            var sets = recognised.Select(r => RuleFiles.Load(r.Name)).ToList();
            if (sets.Count > 0)
            {
                rules = new RuleSet(sets.SelectMany(s => s.Rules));
                applied.AddRange(recognised.Select(r => $"{r.Name} ({r.Reason} recognised)"));
            }
        }
        notes.WriteLine(applied.Count > 0
            ? $"rules applied: {string.Join(", ", applied)}{(rulesArg is null ? "; --no-rules to turn off" : "")}"
            : noRules ? "rules applied: none (--no-rules)" : "rules applied: none");
        RuleOutcome? outcome = null;
        if (rules is not null)
        {
            if (!quiet)
            {
                status?.Analysing($"{parseResult.CommandResult.Command.Name}: applying rules to {result.Records.Count:N0} records");
            }
            outcome = rules.Apply(result.Records);
            status?.Stop();
            foreach (var c in outcome.Conflicts.Take(20))
            {
                notes.WriteLine($"conflict: {c}");
            }
            if (outcome.Conflicts.Count > 20)
            {
                notes.WriteLine($"... and {outcome.Conflicts.Count - 20} more conflicts");
            }
        }
        // An OOM kill the kernel logged names only a pid: it gets the task that process was running, so the task's flow shows it.
        Kills.OomKillJoin.Join(result.Records);
        if (parseResult.GetValue(Where) is { } where)
        {
            var before = result.Records.Count;
            Sql.RecordsDatabase.Filter(result.Records, where, CancellationToken.None).GetAwaiter().GetResult();
            notes.WriteLine($"--where: {result.Records.Count:N0} of {before:N0} records kept");
        }
        if (!quiet)
        {
            status?.Analysing($"{parseResult.CommandResult.Command.Name}: analysing {result.Records.Count:N0} records");
        }
        return new LoadedInput(result, outcome, format, applied, lifecycles) { Times = new Times(GlobalOptions.Zone(parseResult)) };
    }

    /// <summary>
    /// The output format <c>--json</c> / <c>--csv</c> ask for (<see cref="Load"/> reads it too).
    /// </summary>
    /// <exception cref="CommandException">Both were given, or the command writes no table (exit code 2).</exception>
    public OutputFormat ReadOutputFormat(ParseResult parseResult)
    {
        var format = OutputFormats.From(parseResult.GetValue(Json), parseResult.GetValue(Csv));
        if (_writes is not null && format != OutputFormat.Text)
        {
            var name = format == OutputFormat.Json ? "--json" : "--csv";
            throw new CommandException($"{name}: 'wide {parseResult.CommandResult.Command.Name}' writes {_writes}, not a table; leave out {name}", ExitCodes.Usage);
        }
        return format;
    }

    private static bool EndsCutShort(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            if (file.Length == 0)
            {
                return false;
            }
            file.Seek(-1, SeekOrigin.End);
            return file.ReadByte() != '\n';
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>The <c>--lifecycle</c> files, then the built-in lifecycles (what <see cref="Load"/> does, for commands that may load nothing).</summary>
    /// <exception cref="CommandException">A lifecycle file is missing or invalid.</exception>
    public IReadOnlyList<Lifecycle> LoadLifecycles(ParseResult parseResult)
    {
        var own = new List<Lifecycle>();
        foreach (var path in parseResult.GetValue(Lifecycles) ?? [])
        {
            try
            {
                own.Add(Lifecycle.Load(path));
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                throw new CommandException($"invalid lifecycle file: {e.Message}");
            }
        }
        return [.. own, .. Lifecycle.BuiltIn];
    }
}
