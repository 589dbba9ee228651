using WideEvents.Cli;

namespace WideEvents.EndToEnd.Tests;

/// <summary>`wide demo --transport nats`: the same small run, shipped through a local single-node JetStream (skipped without nats-server).</summary>
[Trait("Category", "JetStream")]
public sealed class DemoNatsTests
{
    [NatsServerFact]
    public void The_demo_through_JetStream_stores_exactly_the_records_the_processes_wrote()
    {
        string directory = Path.Combine(Path.GetTempPath(), "wide-demo-nats-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var output = new StringWriter();
            var error = new StringWriter();
            int exitCode = WideCli.Run(["demo", "--tasks", "100", "--transport", "nats", "--out", directory], output, error);

            Assert.True(exitCode == 0, error.ToString());
            Assert.Contains("NATS JetStream on 127.0.0.1:", error.ToString(), StringComparison.Ordinal);
            var written = Directory.GetFiles(Path.Combine(directory, "runinfo"), "*.jsonl", SearchOption.AllDirectories)
                .SelectMany(File.ReadLines).Where(l => l.Length > 0).ToList();
            var stored = Directory.GetFiles(Path.Combine(directory, "store"), "*.jsonl")
                .SelectMany(File.ReadLines).Where(l => l.Length > 0).ToList();
            Assert.NotEmpty(written);
            Assert.Equal(written.Select(l => Canonical(l, drop: null)).Order(StringComparer.Ordinal), stored.Select(l => Canonical(l, drop: "run")).Order(StringComparer.Ordinal));
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static string Canonical(string line, string? drop)
    {
        var o = System.Text.Json.Nodes.JsonNode.Parse(line)!.AsObject();
        if (drop is not null)
        {
            o.Remove(drop);
        }

        return string.Join(",", o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value?.ToJsonString()));
    }
}

/// <summary>A fact that needs Debian's nats-server; skipped, with the reason, when it is not installed.</summary>
public sealed class NatsServerFactAttribute : FactAttribute
{
    public NatsServerFactAttribute()
    {
        bool installed = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/sbin")
            .Any(d => d.Length > 0 && File.Exists(Path.Combine(d, "nats-server")));
        if (!installed)
        {
            Skip = "nats-server is not installed (apt-get install nats-server; .ci/run installs it)";
        }
    }
}
