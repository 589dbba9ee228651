namespace WideEvents.Cli.Demo;

/// <summary>The demo's single-node NATS JetStream (<c>wide demo --transport nats</c>): nats-server from the PATH, on loopback, storing under the demo's directory.</summary>
internal static class DemoNats
{
    public static async Task<ChildProgram> StartAsync(int port, string root)
    {
        string server = Locate() ?? throw new CommandException("--transport nats needs nats-server on the PATH (Debian: apt-get install nats-server)");
        string storage = Path.Combine(root, "nats");
        Directory.CreateDirectory(storage);
        var program = ChildProgram.StartExecutable(server, ["--jetstream", "--store_dir", storage, "--addr", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)], Path.Combine(root, "shipper", "nats-server.log"), root);
        await DemoRun.WaitForPortAsync(port, program);
        return program;
    }

    /// <summary>nats-server on the PATH, or where Debian installs it (/usr/sbin, often not on a user's PATH).</summary>
    private static string? Locate() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/sbin")
            .Where(d => d.Length > 0)
            .Select(d => Path.Combine(d, "nats-server"))
            .FirstOrDefault(File.Exists);
}
