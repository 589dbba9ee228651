using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using WideEvents.Shipper.Tests.Support;

namespace WideEvents.Shipper.Tests.EndToEnd;

public sealed class HostSourcesTests
{
    private static List<JsonElement> Stored(ShipperPair pair) =>
        Directory.Exists(pair.StoreDirectory) ? [.. pair.StoredLines().Select(l => JsonDocument.Parse(l).RootElement)] : [];

    private static bool IsMetric(JsonElement r, string name) => r.TryGetProperty("metric", out JsonElement m) && m.GetString() == name;

    [Fact]
    public async Task The_sidecar_samples_the_host_and_the_cpu_and_rss_of_the_process_writing_a_file_it_tails()
    {
        using var pair = new ShipperPair(sidecar: config => config["Sources"]!["Host"] = new JsonObject { ["IntervalSeconds"] = 0.3 });
        string log = Path.Combine(pair.InputDirectory, "app.jsonl");
        // A writer that keeps the tailed file open (fd 3) and burns CPU: the sidecar finds it by the file, not by its name.
        var writer = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", $"exec 3>>'{log}'; while :; do :; done"]))!;
        try
        {
            pair.StartCollector();
            pair.StartSidecar();
            await Eventually.HoldsAsync(
                () => Stored(pair).Any(r => IsMetric(r, "process_cpu_ratio") && r.GetProperty("pid").GetInt32() == writer.Id && r.GetProperty("value").GetDouble() > 0),
                TimeSpan.FromSeconds(60), pair.Logs);
        }
        finally
        {
            writer.Kill();
            writer.WaitForExit();
        }

        List<JsonElement> records = Stored(pair);
        JsonElement rss = records.First(r => IsMetric(r, "process_rss_bytes") && r.GetProperty("pid").GetInt32() == writer.Id);
        Assert.Equal("sh", rss.GetProperty("process_name").GetString());
        Assert.InRange(rss.GetProperty("value").GetDouble(), 4096, 1L << 32);
        Assert.Contains(records, r => IsMetric(r, "process_cpu_ratio") && r.GetProperty("pid").GetInt32() == writer.Id && r.GetProperty("value").GetDouble() > 0); // it spins, but shares two cores with whatever else runs
        Assert.DoesNotContain(records, r => r.TryGetProperty("pid", out JsonElement pid) && pid.GetInt32() == pair.Sidecar!.Id);
        Assert.All(records, r => Assert.Equal(Environment.MachineName, r.GetProperty("host").GetString()));
        Assert.Contains(records, r => IsMetric(r, "host_cpu_busy_ratio") && r.GetProperty("value").GetDouble() is > 0 and <= 1);
        Assert.Contains(records, r => IsMetric(r, "host_memory_used_bytes") && r.GetProperty("value").GetDouble() > 0);
        foreach (string metric in new[] { "host_load1", "host_memory_available_bytes", "host_disk_read_bytes_per_s", "host_disk_written_bytes_per_s", "host_net_received_bytes_per_s", "host_net_sent_bytes_per_s" })
        {
            Assert.Contains(records, r => IsMetric(r, metric));
        }
    }

    /// <summary>
    /// A real OOM kill: a process in a memory cgroup (v1) limited to 30 MB allocates 200 MB; the
    /// kernel kills it and the sidecar ships its kernel lines. Needs root and a writable memory
    /// cgroup (this project's test machine has them); skipped elsewhere.
    /// </summary>
    [OomFact]
    public async Task An_oom_kill_in_the_kernel_log_is_shipped_with_the_killed_pid()
    {
        string cgroup = MemoryCgroup.Create() ?? throw new InvalidOperationException("the cgroup could be made a moment ago");
        try
        {
            using var pair = new ShipperPair(sidecar: config => config["Sources"]!["Kernel"] = new JsonObject { ["OomKillsOnly"] = true, ["PollMilliseconds"] = 100 });
            pair.StartCollector();
            pair.StartSidecar();
            await Task.Delay(1000); // the sidecar has read the kernel log's old records by now
            var victim = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", $"echo $$ > '{cgroup}/cgroup.procs' && exec /usr/bin/python3 -c 'a = bytearray(200_000_000)'"]))!;
            await victim.WaitForExitAsync();
            Assert.Equal(137, victim.ExitCode); // SIGKILL

            await Eventually.HoldsAsync(() => Stored(pair).Any(r => r.TryGetProperty("pid", out JsonElement pid) && pid.GetInt32() == victim.Id && r.GetProperty("kernel_event").GetString() == "oom_kill"), TimeSpan.FromSeconds(30), pair.Logs);
            JsonElement kill = Stored(pair).First(r => r.TryGetProperty("pid", out JsonElement pid) && pid.GetInt32() == victim.Id && r.GetProperty("kernel_event").GetString() == "oom_kill");
            Assert.Equal("python3", kill.GetProperty("process_name").GetString());
            Assert.Equal("cgroup", kill.GetProperty("oom_scope").GetString());
            Assert.StartsWith("Memory cgroup out of memory: Killed process " + victim.Id, kill.GetProperty("@m").GetString(), StringComparison.Ordinal);
            Assert.InRange(DateTimeOffset.Parse(kill.GetProperty("@t").GetString()!, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.AddMinutes(-2), DateTimeOffset.UtcNow.AddMinutes(1));
            // OomKillsOnly: the kernel's other lines about the kill (the task list, the memory stats) are not shipped.
            Assert.All(Stored(pair), r => Assert.StartsWith("oom_kill", r.GetProperty("kernel_event").GetString(), StringComparison.Ordinal));
        }
        finally
        {
            MemoryCgroup.Remove(cgroup);
        }
    }
}
