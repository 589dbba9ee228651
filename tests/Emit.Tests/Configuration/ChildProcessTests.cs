using System.Diagnostics;
using Microsoft.Extensions.Logging;
using WideEvents.Emit.Tests.Support;

namespace WideEvents.Emit.Tests.Configuration;

public sealed class ChildProcessTests
{
    [Fact]
    public async Task A_child_configured_only_by_rendered_environment_variables_sends_its_records_to_our_socket()
    {
        using var directory = new TempDirectory();
        await using var listener = new SocketListener(directory.File("child.sock"));
        var options = new WideEventsOptions { Component = "child-worker" };
        options.Fields["launched_by"] = "parent-test";
        options.Handlers.Add(new HandlerOptions { Type = HandlerType.UnixSocket, Path = listener.Path, MinimumLevel = LogLevel.Debug });

        var childDll = Path.Combine(AppContext.BaseDirectory, "WideEvents.QuickStart.dll");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(childDll);
        start.ArgumentList.Add("3");
        WideEventsEnvironment.ApplyTo(start, options);

        using var child = Process.Start(start)!;
        var stderr = child.StandardError.ReadToEndAsync();
        await child.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(child.ExitCode == 0, await stderr);

        var records = await listener.WaitForAsync(1, TimeSpan.FromSeconds(5));
        await Task.Delay(200);
        records = [.. listener.Received];
        Assert.NotEmpty(records);
        Assert.All(records, r => Assert.Equal("parent-test", r.Str("launched_by")));
        Assert.All(records, r => Assert.Equal("child-worker", r.Str("component")));
        Assert.Equal(3, records.Count(r => r.Str("metric") == "pending_task_queue_length"));
        Assert.Contains(records, r => r.Str("@l") == "Debug");
        Assert.Contains(records, r => r.Str("span_event") == "end" && r.Str("span_name") == "gather dependencies");
        Assert.Empty(Directory.GetFiles(directory.Path, "*.jsonl", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_child_that_exits_without_disposing_its_loggers_still_flushes_every_record()
    {
        using var directory = new TempDirectory();
        var options = new WideEventsOptions { Component = "exiting" };
        options.Handlers.Add(new HandlerOptions { Type = HandlerType.File, Directory = directory.Path, MinimumLevel = LogLevel.Debug });

        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory.Path, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "WideEvents.QuickStart.dll"));
        start.ArgumentList.Add("20");
        start.ArgumentList.Add("--exit-without-dispose");
        WideEventsEnvironment.ApplyTo(start, options);

        using var child = Process.Start(start)!;
        var stderr = child.StandardError.ReadToEndAsync();
        await child.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(child.ExitCode == 0, await stderr);

        var records = Records.ReadDirectory(directory.Path, "exiting.*.jsonl").WithoutHeaders();
        Assert.Equal(20, records.Count(r => r.Str("metric") == "pending_task_queue_length"));
        Assert.Equal("Worker finished", records[^1].Str("@mt"));
    }
}
