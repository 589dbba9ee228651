using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using WideEvents.Shipper.Tests.Support;

namespace WideEvents.Shipper.Tests.EndToEnd;

public sealed class UnixSocketTests
{
    [Fact]
    public async Task The_socket_is_owner_only_and_its_json_lines_reach_the_store_widened()
    {
        using var pair = new ShipperPair(sidecar: s =>
        {
            s["Sources"]!["UnixSockets"] = new JsonArray(new JsonObject { ["Path"] = "in.sock", ["Fields"] = new JsonObject { ["host"] = "test-host" } });
        });
        string socketPath = Path.Combine(pair.Root, "in.sock");
        pair.StartCollector();
        pair.StartSidecar();
        string grpcSocket = Path.Combine(pair.SidecarData, "grpc.sock");
        await Eventually.HoldsAsync(() => File.Exists(socketPath) && pair.Sidecar!.Log.Contains("wide-shipper started", StringComparison.Ordinal), TimeSpan.FromSeconds(30), pair.Logs);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(socketPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(grpcSocket));

        using (var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath));
            var text = new StringBuilder();
            for (int i = 1; i <= 500; i++)
            {
                text.Append(RecordWriter.Record(i)).Append('\n');
            }

            byte[] bytes = Encoding.UTF8.GetBytes(text.ToString());

            // Split mid-line: the socket source must join the halves.
            await socket.SendAsync(bytes.AsMemory(0, 1001));
            await Task.Delay(50);
            await socket.SendAsync(bytes.AsMemory(1001));
        }

        await Eventually.HoldsAsync(() => pair.StoredThrough() >= 500, TimeSpan.FromSeconds(30), pair.Logs);
        Signals.Terminate(pair.Collector!.Id);
        await pair.Collector.WaitForExitAsync(TimeSpan.FromSeconds(20));
        RecordWriter.AssertExactlyOnce(pair.StoredLines(), 500);
    }
}
