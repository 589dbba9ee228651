using WideEvents.TaskFarm.Hosting;

namespace WideEvents.TaskFarm.Submitter;

/// <summary>What a TaskFarm run does, from the command line.</summary>
internal sealed record RunSettings
{
    public int Tasks { get; init; } = 1000;

    public int Pools { get; init; } = 2;

    public int WorkersPerPool { get; init; } = 2;

    /// <summary><c>independent</c>, or <c>diamond</c>: groups of four, a -> (b, c) -> d.</summary>
    public string Shape { get; init; } = "diamond";

    public double FailRate { get; init; }

    public int Retries { get; init; } = 1;

    public int SleepMs { get; init; } = 1;

    public int SpinMs { get; init; }

    public int Seed { get; init; } = 1;

    public string? RunDirectory { get; init; }

    /// <summary>
    /// <c>--wide-events off</c>: no handlers at all, for measuring what instrumentation costs.
    /// Only applies when no WideEvents configuration came from the environment.
    /// </summary>
    public bool EventsOff { get; init; }

    public static RunSettings From(Arguments args)
    {
        var settings = new RunSettings
        {
            Tasks = args.Int("tasks", 1000),
            Pools = args.Int("pools", 2),
            WorkersPerPool = args.Int("workers", 2),
            Shape = args.String("shape") ?? "diamond",
            FailRate = args.Double("fail-rate", 0),
            Retries = args.Int("retries", 1),
            SleepMs = args.Int("sleep-ms", 1),
            SpinMs = args.Int("spin-ms", 0),
            Seed = args.Int("seed", 1),
            RunDirectory = args.String("run-dir"),
            EventsOff = args.String("wide-events") == "off",
        };
        if (settings.Tasks < 1 || settings.Pools < 1 || settings.WorkersPerPool < 1)
        {
            throw new ArgumentException("--tasks, --pools and --workers must be at least 1");
        }

        if (settings.FailRate is < 0 or > 1)
        {
            throw new ArgumentException("--fail-rate must be between 0 and 1");
        }

        if (settings.Shape is not ("diamond" or "independent"))
        {
            throw new ArgumentException("--shape must be diamond or independent");
        }

        return settings;
    }
}
