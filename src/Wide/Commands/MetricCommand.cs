using System.CommandLine;
using WideEvents.Analyze.Reports;
using WideEvents.Cli.Output;

namespace WideEvents.Cli.Commands;

/// <summary><c>wide metric</c>: one metric over time, min/mean/max per bucket; or, with <c>--list</c>, the metric names.</summary>
internal static class MetricCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "The metric: a record's 'metric' value, or a numeric key (with --list: the first path)" };
        var input = new InputOptions();
        // With --list every argument is a path, so the paths may be empty here: checked in the action.
        input.Paths.Arity = ArgumentArity.ZeroOrMore;
        var bucket = new Option<double?>("--bucket") { Description = "Bucket width in seconds (default: 1/50 of the time range)" };
        var list = new Option<bool>("--list") { Description = "List the metric names instead (wide metric PATH... --list): 'metric' records' names, then numeric keys, with their sample counts" };
        var command = new Command("metric", "Show a metric over time: min, mean and max per time bucket; --list shows the names");
        command.Arguments.Add(name);
        input.AddTo(command);
        command.Options.Add(bucket);
        command.Options.Add(list);
        command.Validators.Add(result =>
        {
            if (!result.GetValue(list) && (result.GetValue(input.Paths) ?? []).Length == 0)
            {
                result.AddError("give the metric's name and at least one path (or PATH... --list for the names)");
            }
        });
        CommandAction.Set(command, parse =>
        {
            var width = parse.GetValue(bucket);
            if (width is <= 0)
            {
                throw new CommandException("--bucket must be positive", ExitCodes.Usage);
            }
            var listing = parse.GetValue(list);
            var loaded = listing
                ? input.Load(parse, [parse.GetValue(name)!, .. parse.GetValue(input.Paths) ?? []])
                : input.Load(parse);
            var stdout = parse.InvocationConfiguration.Output;
            var names = new Lazy<IReadOnlyList<MetricName>>(() => MetricReport.Names(loaded.Records));
            if (listing)
            {
                if (names.Value.Count == 0)
                {
                    parse.InvocationConfiguration.Error.WriteLine("wide: no record with a time has a metric or a numeric key");
                    return ExitCodes.NothingFound;
                }
                var table = new Table("name", "kind", "samples");
                foreach (var n in names.Value)
                {
                    table.Add(n.Name, n.IsMetricRecord ? "metric" : "numeric key", n.Samples);
                }
                table.Write(stdout, loaded.Output);
                return ExitCodes.Ok;
            }
            var metric = parse.GetValue(name)!;
            var series = MetricReport.Build(loaded.Records, metric, width);
            if (series.Count == 0)
            {
                var similar = Suggestions.Similar(metric, names.Value.Select(n => n.Name));
                var hint = similar.Count > 0 ? $"; did you mean {string.Join(", ", similar)}?" : "";
                parse.InvocationConfiguration.Error.WriteLine($"wide: no record has metric '{metric}' or a numeric key '{metric}'{hint} ('wide metric PATH... --list' lists the names)");
                return ExitCodes.NothingFound;
            }
            var rows = new Table("series", "bucket_start", "offset_s", "count", "min", "mean", "max");
            foreach (var s in series)
            {
                foreach (var b in s.Buckets)
                {
                    rows.Add(s.Name, loaded.Times.Format(b.Start), b.Start - s.Buckets[0].Start, b.Count, b.Min, b.Mean, b.Max);
                }
            }
            if (loaded.Output == OutputFormat.Text)
            {
                foreach (var s in series)
                {
                    stdout.WriteLine($"{s.Name}: {s.Samples.Count} samples, buckets of {s.BucketSeconds:G4} s");
                }
            }
            rows.Write(stdout, loaded.Output);
            return ExitCodes.Ok;
        });
        return command;
    }
}
