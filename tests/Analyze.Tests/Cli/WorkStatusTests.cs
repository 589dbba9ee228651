using Spectre.Console;
using WideEvents.Analyze.Loaders;
using WideEvents.Cli;

namespace WideEvents.Analyze.Tests.Cli;

/// <summary>The progress shown while a command works, on a Spectre console that records what it draws as a terminal would get it.</summary>
public sealed class WorkStatusTests
{
    private static string Workqueue => RealLogs.Dir("workqueue-generated-debian-cctools");

    private static (IAnsiConsole Console, StringWriter Screen) Terminal()
    {
        var screen = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(screen),
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.Yes,
        });
        return (console, screen);
    }

    [Fact]
    public void After_a_slow_load_a_spinner_shows_until_the_first_output_and_is_gone_before_it()
    {
        var (console, screen) = Terminal();
        using var status = new WorkStatus(console);

        var loaded = status.Load(progress =>
        {
            Thread.Sleep(1500);
            return RecordLoader.Load([Workqueue], null, progress);
        }, show: true);
        status.Analysing($"report: analysing {loaded.Records.Count} records");
        Thread.Sleep(700);
        var showingWhileWorking = status.IsShowing;
        var seen = new List<bool>();
        using var stdout = new StatusStoppingWriter(new CallbackWriter(() => seen.Add(status.IsShowing)), status);
        stdout.WriteLine("wrote report.html");

        Assert.True(showingWhileWorking);
        Assert.Equal([false], seen);
        Assert.Contains("loading", screen.ToString(), StringComparison.Ordinal);
        Assert.Contains($"report: analysing {loaded.Records.Count} records", screen.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_fast_load_shows_nothing()
    {
        var (console, screen) = Terminal();
        using var status = new WorkStatus(console);

        status.Load(progress => RecordLoader.Load([Workqueue], null, progress), show: true);
        status.Analysing("states: analysing");

        Assert.False(status.IsShowing);
        Assert.Equal("", screen.ToString());
    }

    [Fact]
    public void Quiet_shows_no_bar_however_slow_the_load()
    {
        var (console, screen) = Terminal();
        using var status = new WorkStatus(console);

        status.Load(progress =>
        {
            Thread.Sleep(1300);
            return RecordLoader.Load([Workqueue], null, progress);
        }, show: false);
        status.Analysing("states: analysing");

        Assert.False(status.IsShowing);
        Assert.Equal("", screen.ToString());
    }

    private sealed class CallbackWriter(Action onWrite) : TextWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void Write(char value) => onWrite();

        public override void WriteLine(string? value) => onWrite();
    }
}
