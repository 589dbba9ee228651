using WideEvents.Cli;

namespace WideEvents.Analyze.Tests.Cli;

public sealed class LifecycleOptionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wide-lifecycle-option-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Report_and_trace_read_a_users_lifecycle_file_as_states_does()
    {
        var lifecycle = RealLogs.WorkersLifecycle;
        var logs = RealLogs.Dir("workqueue-generated-debian-cctools");
        var html = Path.Combine(_dir, "report.html");
        var trace = Path.Combine(_dir, "trace.json");

        Assert.Equal(0, WideCli.Run(["report", logs, "--lifecycle", lifecycle, "-o", html], new StringWriter(), new StringWriter()));
        Assert.Equal(0, WideCli.Run(["trace", logs, "--lifecycle", lifecycle, "-o", trace], new StringWriter(), new StringWriter()));

        Assert.Contains("work queue worker", File.ReadAllText(html), StringComparison.Ordinal);
        Assert.Contains("work queue task", File.ReadAllText(html), StringComparison.Ordinal);
        Assert.Contains("work queue worker", File.ReadAllText(trace), StringComparison.Ordinal);
    }

    [Fact]
    public void Report_rejects_an_invalid_lifecycle_file_as_states_does()
    {
        var file = Path.Combine(_dir, "bad.lifecycle.json");
        File.WriteAllText(file, """{ "name": "x", "states": [["a"]], "events": [ { "message": "no state group" } ] }""");
        var error = new StringWriter();

        var code = WideCli.Run(["report", RealLogs.Dir("workqueue-generated-debian-cctools"), "--lifecycle", file, "-o", Path.Combine(_dir, "r.html")], new StringWriter(), error);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("invalid lifecycle file", error.ToString(), StringComparison.Ordinal);
    }
}
