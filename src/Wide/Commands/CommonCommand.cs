using System.CommandLine;
using WideEvents.Analyze.Reports;
using WideEvents.Cli.Output;

namespace WideEvents.Cli.Commands;

/// <summary><c>wide common</c>: the common path per entity shape ("findcommon").</summary>
internal static class CommonCommand
{
    public static Command Create()
    {
        var input = new InputOptions();
        var by = new Option<string?>("--by")
        {
            Description = "Comma-separated keys naming an entity (default: parsl_dfk,parsl_task_id if present, else run_id,task_id, task_id or wq_task_id)",
        };
        var command = new Command("common", "Show the common path of entities: steps with mean/median/p95 offset from each entity's first event, one path per shape, the widest gap marked");
        input.AddTo(command);
        command.Options.Add(by);
        CommandAction.Set(command, parse =>
        {
            var loaded = input.Load(parse);
            var keys = parse.GetValue(by)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (keys is not null)
            {
                KeyCheck.RequireKeys(loaded.Records, keys);
            }
            var result = CommonPathReport.Build(loaded.Records, new CommonPathOptions { EntityKeys = keys });
            var stdout = parse.InvocationConfiguration.Output;
            if (result.Shapes.Count == 0)
            {
                parse.InvocationConfiguration.Error.WriteLine($"wide: no record has a template, a time and all of {string.Join(", ", result.EntityKeys)}");
                return ExitCodes.NothingFound;
            }
            if (loaded.Output == OutputFormat.Text)
            {
                stdout.WriteLine($"Common path by {string.Join(", ", result.EntityKeys)}: {result.Shapes.Sum(s => s.Entities)} entities in {result.Shapes.Count} shape(s); {result.RecordsUsed} records used, {result.RecordsDiscarded} discarded");
                for (var i = 0; i < result.Shapes.Count; i++)
                {
                    var shape = result.Shapes[i];
                    stdout.WriteLine();
                    var ended = shape.Outcome is null ? "" : $", ended {shape.Outcome}";
                    stdout.WriteLine($"Shape {i + 1}: {shape.Entities} entities{ended}, {shape.Steps.Count} steps (e.g. {string.Join("; ", shape.Examples.Take(3))})");
                    var table = new Table("mean_s", "median_s", "p95_s", "gap_s", "n", "%", "step");
                    foreach (var s in shape.Steps)
                    {
                        if (s.IsBottleneck)
                        {
                            // The bottleneck is the wait, between the step above and this one, not this step.
                            table.Add("", "", "", "", "", "", $"^^^ {s.Gap:F6} s wait here: likely bottleneck (the widest gap between two steps) vvv");
                        }
                        var name = s.Occurrence > 1 ? $"{s.Key} (#{s.Occurrence})" : s.Key;
                        table.Add(s.Mean, s.Median, s.P95, s.Gap, s.Count, (long)Math.Round(100.0 * s.Count / shape.Entities), name);
                    }
                    table.WriteText(stdout);
                }
                return ExitCodes.Ok;
            }
            var rows = new Table("shape", "entities", "outcome", "step", "occurrence", "count", "mean_s", "median_s", "p95_s", "gap_s", "bottleneck");
            for (var i = 0; i < result.Shapes.Count; i++)
            {
                foreach (var s in result.Shapes[i].Steps)
                {
                    rows.Add(i + 1, result.Shapes[i].Entities, result.Shapes[i].Outcome, s.Key, s.Occurrence, s.Count, s.Mean, s.Median, s.P95, s.Gap, s.IsBottleneck);
                }
            }
            rows.Write(stdout, loaded.Output);
            return ExitCodes.Ok;
        });
        return command;
    }
}
