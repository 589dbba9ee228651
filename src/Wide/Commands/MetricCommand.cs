using System.CommandLine;
using WideEvents.Analyze.Reports;
using WideEvents.Cli.Output;

namespace WideEvents.Cli.Commands;

/// <summary><c>wide metric</c>: one metric over time, min/mean/max per bucket.</summary>
internal static class MetricCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "The metric: a record's 'metric' value, or a numeric key" };
        var input = new InputOptions();
        var bucket = new Option<double?>("--bucket") { Description = "Bucket width in seconds (default: 1/50 of the time range)" };
        var command = new Command("metric", "Show a metric over time: min, mean and max per time bucket");
        command.Arguments.Add(name);
        input.AddTo(command);
        command.Options.Add(bucket);
        CommandAction.Set(command, parse =>
        {
            var width = parse.GetValue(bucket);
            if (width is <= 0)
            {
                throw new CommandException("--bucket must be positive");
            }
            var loaded = input.Load(parse);
            var metric = parse.GetValue(name)!;
            var series = MetricReport.Build(loaded.Records, metric, width);
            var stdout = parse.InvocationConfiguration.Output;
            if (series.Count == 0)
            {
                parse.InvocationConfiguration.Error.WriteLine($"wide: no record has metric '{metric}' or a numeric key '{metric}'");
                return ExitCodes.NothingFound;
            }
            var table = new Table("series", "bucket_start", "offset_s", "count", "min", "mean", "max");
            foreach (var s in series)
            {
                foreach (var b in s.Buckets)
                {
                    table.Add(s.Name, Times.Utc(b.Start), b.Start - s.Buckets[0].Start, b.Count, b.Min, b.Mean, b.Max);
                }
            }
            if (loaded.Output == OutputFormat.Text)
            {
                foreach (var s in series)
                {
                    stdout.WriteLine($"{s.Name}: {s.Samples.Count} samples, buckets of {s.BucketSeconds:G4} s");
                }
            }
            table.Write(stdout, loaded.Output);
            return ExitCodes.Ok;
        });
        return command;
    }
}
