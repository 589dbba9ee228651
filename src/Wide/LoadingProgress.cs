using Spectre.Console;
using WideEvents.Analyze.Loaders;

namespace WideEvents.Cli;

/// <summary>Shows a progress bar on stderr, but only when loading is slow enough to need one and stderr is a terminal.</summary>
internal static class LoadingProgress
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);

    public static LoadResult Run(TextWriter error, Func<IProgress<LoadProgress>, LoadResult> load)
    {
        var latest = new LatestProgress();
        var task = Task.Run(() => load(latest));
        if (task.Wait(Delay) || !ReferenceEquals(error, Console.Error) || Console.IsErrorRedirected)
        {
            return task.GetAwaiter().GetResult();
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        console.Progress().AutoClear(true).Start(ctx =>
        {
            var bar = ctx.AddTask("loading");
            while (!task.Wait(100))
            {
                var p = latest.Value;
                if (p is not null)
                {
                    bar.MaxValue = Math.Max(1, p.BytesTotal);
                    bar.Value = p.BytesDone;
                    bar.Description = $"loading {p.FilesDone}/{p.FilesTotal} files";
                }
            }
            bar.Value = bar.MaxValue;
        });
        return task.GetAwaiter().GetResult();
    }

    private sealed class LatestProgress : IProgress<LoadProgress>
    {
        private LoadProgress? _value;

        public LoadProgress? Value => Volatile.Read(ref _value);

        public void Report(LoadProgress value) => Volatile.Write(ref _value, value);
    }
}
