using System.Text.RegularExpressions;
using WideEvents.Cli;

namespace WideEvents.Visuals.Tests.Cli;

public sealed partial class ServeCommandTests
{
    [GeneratedRegex(@"at (http://127\.0\.0\.1:\d+/)")]
    private static partial Regex Address();

    [Fact]
    public async Task Wide_serve_listens_on_loopback_until_cancelled()
    {
        var output = new SyncWriter();
        using var stop = new CancellationTokenSource();
        var run = WideCli.BuildRootCommand().Parse(["serve", Path.Combine(TestData.Diamond, "runinfo", "000"), "--rules", "parsl", "--port", "0"])
            .InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = output, Error = new SyncWriter() }, stop.Token);
        Match match = Match.Empty;
        for (var i = 0; i < 300 && !match.Success && !run.IsCompleted; i++)
        {
            await Task.Delay(100);
            match = Address().Match(output.Text);
        }
        Assert.True(match.Success, output.Text);

        using var http = new HttpClient();
        var page = await http.GetStringAsync(match.Groups[1].Value);
        Assert.Contains("<script src=\"/app.js\">", page, StringComparison.Ordinal);
        var summary = await http.GetStringAsync(match.Groups[1].Value + "api/summary");
        Assert.Contains("\"entities\":17", summary, StringComparison.Ordinal);
        var failed = await http.GetStringAsync(match.Groups[1].Value + "api/difference?final=failed");
        Assert.Contains("\"selected\":1,", failed, StringComparison.Ordinal);
        // Chosen by their final state, the failed differ in it by construction: not a finding.
        Assert.DoesNotContain("\"field\":\"final_state\"", failed, StringComparison.Ordinal);
        Assert.Contains("\"prior\":5,", failed, StringComparison.Ordinal);

        await stop.CancelAsync();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Wide_serve_reads_a_users_lifecycle_file()
    {
        var lifecycle = Path.Combine(TestData.RepoRoot, "tests", "data", "lifecycles", "workqueue-workers.lifecycle.json");
        var output = new SyncWriter();
        var error = new SyncWriter();
        using var stop = new CancellationTokenSource();
        var run = WideCli.BuildRootCommand().Parse(["serve", Path.Combine(TestData.RepoRoot, "tests", "data", "real-logs", "workqueue-generated-debian-cctools"), "--lifecycle", lifecycle, "--port", "0"])
            .InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = output, Error = error }, stop.Token);
        Match match = Match.Empty;
        for (var i = 0; i < 300 && !match.Success && !run.IsCompleted; i++)
        {
            await Task.Delay(100);
            match = Address().Match(output.Text);
        }
        Assert.True(match.Success, output.Text + error.Text);

        using var http = new HttpClient();
        var entities = await http.GetStringAsync(match.Groups[1].Value + "api/entities");
        Assert.Contains("\"lifecycle\":\"work queue worker\"", entities, StringComparison.Ordinal);

        await stop.CancelAsync();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void Wide_serve_needs_paths_or_a_tail_address()
    {
        var error = new StringWriter();
        Assert.Equal(ExitCodes.BadInput, WideCli.Run(["serve"], new StringWriter(), error));
        Assert.Contains("--tail", error.ToString(), StringComparison.Ordinal);
    }

    private sealed class SyncWriter : StringWriter
    {
        public string Text
        {
            get
            {
                lock (this)
                {
                    return ToString();
                }
            }
        }

        public override void Write(char value)
        {
            lock (this)
            {
                base.Write(value);
            }
        }

        public override void Write(string? value)
        {
            lock (this)
            {
                base.Write(value);
            }
        }

        public override void WriteLine(string? value)
        {
            lock (this)
            {
                base.WriteLine(value);
            }
        }
    }
}
