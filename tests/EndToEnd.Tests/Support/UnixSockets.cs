using System.Net.Sockets;

namespace WideEvents.EndToEnd.Tests.Support;

internal static class UnixSockets
{
    /// <summary>Connects to a socket a process is about to create, trying for up to 20 s.</summary>
    public static async Task<Socket> ConnectAsync(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(path));
                return socket;
            }
            catch (SocketException) when (attempt < 200)
            {
                socket.Dispose();
                await Task.Delay(100);
            }
        }
    }
}
