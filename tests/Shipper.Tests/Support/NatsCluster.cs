using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace WideEvents.Shipper.Tests.Support;

/// <summary>
/// A real NATS cluster of nats-server processes on loopback: free client and route ports chosen
/// now, JetStream file storage in a temporary directory per node, one cluster name and full-mesh
/// routes. Nodes can be SIGKILLed and restarted on the same ports and storage.
/// </summary>
internal sealed class NatsCluster : IDisposable
{
    private readonly TempDirectory _root = new();
    private readonly Node[] _nodes;

    public NatsCluster(int size, string? extraConfig = null)
    {
        _nodes = [.. Enumerable.Range(0, size).Select(i => new Node($"n{i + 1}", UnusedPort(), UnusedPort()))];
        foreach (Node node in _nodes)
        {
            Directory.CreateDirectory(_root.Combine(node.Name));
            File.WriteAllText(ConfigPath(node), Config(node, extraConfig));
        }
    }

    /// <summary>
    /// A free port below Linux's ephemeral range (32768 and up). A port from that range, released
    /// and bound again by nats-server, can meanwhile be taken as the local end of an outgoing
    /// connection (the nodes' own routes dial out) or by another test; below it, nothing takes
    /// ports by chance. A node that restarts binds its ports again, so they must stay free.
    /// </summary>
    private static int UnusedPort()
    {
        while (true)
        {
            int port = Random.Shared.Next(20_000, 32_000);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
            }
        }
    }

    /// <summary>nats-server on the PATH or where Debian puts it; null when neither.</summary>
    public static string? ServerPath
    {
        get
        {
            IEnumerable<string> path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/sbin").Append("/usr/bin");
            return path.Where(d => d.Length > 0).Select(d => Path.Combine(d, "nats-server")).FirstOrDefault(File.Exists);
        }
    }

    public int Size => _nodes.Length;

    /// <summary>Client URLs of every node, for a client's Servers.</summary>
    public IReadOnlyList<string> Urls => [.. _nodes.Select(n => $"nats://127.0.0.1:{n.ClientPort}")];

    public void StartAll()
    {
        for (int i = 0; i < _nodes.Length; i++)
        {
            Start(i);
        }
    }

    public void Start(int index)
    {
        Node node = _nodes[index];
        var info = new ProcessStartInfo(ServerPath ?? throw new InvalidOperationException("nats-server is not installed"))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("--config");
        info.ArgumentList.Add(ConfigPath(node));
        var process = new Process { StartInfo = info };
        process.ErrorDataReceived += (_, e) => node.Append(e.Data);
        process.OutputDataReceived += (_, e) => node.Append(e.Data);
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        node.Process = process;
    }

    /// <summary>SIGKILL of one node: no shutdown, as in a crash of its machine's process.</summary>
    public void Kill(int index)
    {
        Process? process = _nodes[index].Process;
        if (process is { HasExited: false })
        {
            process.Kill();
        }

        process?.WaitForExit();
        process?.Dispose();
        _nodes[index].Process = null;
    }

    /// <summary>SIGTERM to every node, then waits for them to exit: a clean stop of the whole cluster.</summary>
    public void StopAll()
    {
        foreach (Node node in _nodes.Where(n => n.Process is { HasExited: false }))
        {
            Signals.Terminate(node.Process!.Id);
        }

        foreach (Node node in _nodes.Where(n => n.Process is not null))
        {
            if (!node.Process!.WaitForExit(TimeSpan.FromSeconds(20)))
            {
                node.Process.Kill();
                node.Process.WaitForExit();
            }

            node.Process.Dispose();
            node.Process = null;
        }
    }

    public void KillAll()
    {
        for (int i = 0; i < _nodes.Length; i++)
        {
            Kill(i);
        }
    }

    /// <summary>Waits until every node accepts clients and JetStream answers with a meta leader elected.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        foreach (Node node in _nodes.Where(n => n.Process is not null))
        {
            while (!await RespondsAsync(node.ClientPort))
            {
                if (DateTime.UtcNow > deadline || node.Process!.HasExited)
                {
                    Assert.Fail($"nats-server {node.Name} did not come up:\n{Logs()}");
                }

                await Task.Delay(100);
            }
        }
    }

    private static async Task<bool> RespondsAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
            byte[] buffer = new byte[4];
            return await client.GetStream().ReadAsync(buffer) == 4 && Encoding.ASCII.GetString(buffer) == "INFO";
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public string Logs()
    {
        var all = new StringBuilder();
        foreach (Node node in _nodes)
        {
            all.Append("--- nats ").Append(node.Name).Append(" ---\n").Append(node.Log);
        }

        return all.ToString();
    }

    private string ConfigPath(Node node) => _root.Combine(node.Name + ".conf");

    private string Config(Node node, string? extraConfig)
    {
        string routes = string.Join(", ", _nodes.Where(n => n != node).Select(n => $"\"nats-route://127.0.0.1:{n.RoutePort}\""));
        var config = new StringBuilder();
        config.Append(CultureInfo.InvariantCulture, $"server_name: {node.Name}\nlisten: \"127.0.0.1:{node.ClientPort}\"\n");
        config.Append(CultureInfo.InvariantCulture, $"jetstream {{ store_dir: \"{_root.Combine(node.Name)}\" }}\n");
        if (_nodes.Length > 1)
        {
            config.Append(CultureInfo.InvariantCulture, $"cluster {{ name: wide-test, listen: \"127.0.0.1:{node.RoutePort}\", routes: [ {routes} ] }}\n");
        }

        config.Append(extraConfig);
        return config.ToString();
    }

    public void Dispose()
    {
        KillAll();
        _root.Dispose();
    }

    private sealed class Node(string name, int clientPort, int routePort)
    {
        private readonly StringBuilder _log = new();

        public string Name { get; } = name;

        public int ClientPort { get; } = clientPort;

        public int RoutePort { get; } = routePort;

        public Process? Process { get; set; }

        public string Log
        {
            get
            {
                lock (_log)
                {
                    return _log.ToString();
                }
            }
        }

        public void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_log)
            {
                // The last lines tell what went wrong; a long run's whole log would drown them.
                if (_log.Length > 200_000)
                {
                    _log.Remove(0, 100_000);
                }

                _log.AppendLine(line);
            }
        }
    }
}
