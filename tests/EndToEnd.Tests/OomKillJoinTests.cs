using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using WideEvents.Cli;
using WideEvents.EndToEnd.Tests.Support;

namespace WideEvents.EndToEnd.Tests;

/// <summary>
/// A real OOM kill of a process that logs which task it runs, shipped by a real sidecar (its log
/// file and the kernel log into one store), joined by <c>wide kills</c> to the process and task.
/// </summary>
public sealed class OomKillJoinTests
{
    /// <summary>A test that makes a real OOM kill; skipped, with the reason, where it cannot.</summary>
    public sealed class OomFactAttribute : FactAttribute
    {
        public OomFactAttribute()
        {
            if (Unavailable is { } reason)
            {
                Skip = reason;
            }
        }
    }

    /// <summary>Why no OOM kill can be made here, or null (a cgroup is made and removed to find out).</summary>
    internal static string? Unavailable { get; } = ProbeAndRemove();

    [OomFact]
    public async Task Wide_kills_joins_the_killed_pid_to_the_process_and_its_task_and_the_task_flow_shows_the_kill()
    {
        var root = Directory.CreateTempSubdirectory("we-oom-").FullName;
        string cgroup = Probe(out string? made) is null ? made! : throw new InvalidOperationException("the cgroup could be made a moment ago");
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "in"));
            var config = new JsonObject
            {
                ["DataDirectory"] = "data",
                ["Logging"] = new JsonObject { ["LogLevel"] = new JsonObject { ["Default"] = "Warning" } },
                ["Sources"] = new JsonObject
                {
                    ["Files"] = new JsonArray(new JsonObject { ["Include"] = new JsonArray("in/*.jsonl"), ["PollMilliseconds"] = 50 }),
                    ["Kernel"] = new JsonObject { ["OomKillsOnly"] = true, ["PollMilliseconds"] = 100 },
                },
                ["Sinks"] = new JsonObject { ["Stores"] = new JsonArray(new JsonObject { ["Directory"] = "store" }) },
            };
            var configPath = Path.Combine(root, "sidecar.json");
            await File.WriteAllTextAsync(configPath, config.ToJsonString());
            using var sidecar = ShipperProcess.Start(configPath);
            await Task.Delay(1500);

            // The victim says which task it runs, with its pid, as a task system's worker would, then runs out of memory.
            var log = Path.Combine(root, "in", "worker.jsonl");
            const string script = "import json, os, sys, datetime\n"
                + "t = datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%S.%fZ')\n"
                + "open(sys.argv[1], 'a').write(json.dumps({'@t': t, '@mt': 'task {task_id} starts', 'task_id': 7, 'pid': os.getpid()}) + '\\n')\n"
                + "a = bytearray(200_000_000)\n";
            var victim = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", $"echo $$ > '{cgroup}/cgroup.procs' && exec /usr/bin/python3 -c \"$0\" '{log}'", script]))!;
            await victim.WaitForExitAsync();
            Assert.Equal(137, victim.ExitCode);

            var store = Path.Combine(root, "store");
            var deadline = DateTime.UtcNow.AddSeconds(60);
            string output = "";
            while (DateTime.UtcNow < deadline)
            {
                var o = new StringWriter();
                // The kernel's record and the worker's file arrive through two sources, in either order: wait for both.
                if (Directory.Exists(store) && WideCli.Run(["kills", store, "--json", "--no-rules", "-q"], o, new StringWriter()) == 0
                    && o.ToString().Contains($"\"pid\":\"{victim.Id}\"", StringComparison.Ordinal) && o.ToString().Contains("task_id=7", StringComparison.Ordinal))
                {
                    output = o.ToString();
                    break;
                }

                await Task.Delay(200);
            }

            var row = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).Single(r => r.GetProperty("pid").GetString() == victim.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal("python3", row.GetProperty("process_name").GetString());
            Assert.Equal("task_id=7", row.GetProperty("task").GetString());
            Assert.Equal(1, row.GetProperty("records").GetInt32());
            Assert.Equal("task 7 starts", row.GetProperty("last_message").GetString());

            // The task's flow shows the kill: the kill record has the task's key.
            var flow = new StringWriter();
            Assert.Equal(0, WideCli.Run(["flow", store, "--entity", "task_id=7", "--no-rules", "-q"], flow, new StringWriter()));
            Assert.Contains($"Killed process {victim.Id} (python3)", flow.ToString(), StringComparison.Ordinal);
            await sidecar.StopAsync();
        }
        finally
        {
            if (Directory.Exists(cgroup))
            {
                Directory.Delete(cgroup);
            }

            Directory.Delete(root, recursive: true);
        }
    }

    private static string? ProbeAndRemove()
    {
        string? reason = Probe(out string? made);
        if (made is not null && Directory.Exists(made))
        {
            Directory.Delete(made);
        }

        return reason;
    }

    /// <summary>Why no OOM kill can be made here (null when it can, with a fresh 30 MB memory cgroup in <paramref name="made"/>).</summary>
    private static string? Probe(out string? made)
    {
        made = null;
        if (!File.Exists("/usr/bin/python3") || !File.Exists("/dev/kmsg"))
        {
            return "needs /usr/bin/python3 and /dev/kmsg";
        }

        try
        {
            var line = File.ReadLines("/proc/self/cgroup").FirstOrDefault(l => l.Split(':') is [_, "memory", _]);
            if (line is null)
            {
                return "no cgroup v1 memory controller";
            }

            made = Path.Combine("/sys/fs/cgroup/memory" + line.Split(':')[2], "wideevents-oom-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(made);
            File.WriteAllText(Path.Combine(made, "memory.limit_in_bytes"), "30000000");
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "needs root and a writable memory cgroup: " + e.Message;
        }
    }
}
