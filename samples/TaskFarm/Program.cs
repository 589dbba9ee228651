// TaskFarm: a small multi-process task execution system, instrumented only through WideEvents.
//
//   taskfarm [--tasks N] [--pools P] [--workers W] [--shape diamond|independent]
//            [--fail-rate F] [--retries R] [--sleep-ms MS] [--spin-ms MS] [--seed S] [--run-dir DIR] [--wide-events off]
//
// The submitter starts the interchange and the worker pools as child processes of this same
// executable (`taskfarm interchange ...`, `taskfarm pool ...`) and configures their logging
// through environment variables only.
using WideEvents.TaskFarm.Hosting;
using WideEvents.TaskFarm.Interchange;
using WideEvents.TaskFarm.Pool;
using WideEvents.TaskFarm.Submitter;

try
{
    return args.FirstOrDefault() switch
    {
        "interchange" => await InterchangeProcess.RunAsync(new Arguments(args[1..])),
        "pool" => await WorkerPoolProcess.RunAsync(new Arguments(args[1..])),
        "--help" or "-h" => Help(),
        _ => await SubmitterProcess.RunAsync(new Arguments(args)),
    };
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"taskfarm: {ex.Message}");
    return 2;
}

static int Help()
{
    Console.WriteLine("taskfarm [--tasks N] [--pools P] [--workers W] [--shape diamond|independent] [--fail-rate F] [--retries R] [--sleep-ms MS] [--spin-ms MS] [--seed S] [--run-dir DIR] [--wide-events off]");
    return 0;
}
