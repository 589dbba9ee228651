using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace WideEvents.TaskFarm.Protocol;

/// <summary>JSON lines over a unix socket, one message a line; sends are serialised by a lock.</summary>
internal sealed class MessageConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly StreamReader _reader;
    private readonly SemaphoreSlim _sendLock = new(1, 1);

    private MessageConnection(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = new StreamReader(_stream, Encoding.UTF8);
    }

    public static MessageConnection Accepted(Socket socket) => new(socket);

    public static async Task<MessageConnection> ConnectAsync(string path, CancellationToken cancellationToken)
    {
        // The interchange may still be starting: retry for a while before giving up.
        for (var attempt = 0; ; attempt++)
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken);
                return new MessageConnection(socket);
            }
            catch (SocketException) when (attempt < 100)
            {
                socket.Dispose();
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    /// <summary>The next raw line, or null when the peer has gone.</summary>
    public async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _reader.ReadLineAsync(cancellationToken);
        }
        catch (IOException)
        {
            return null;
        }
    }

    public async Task<FarmMessage?> ReadAsync(CancellationToken cancellationToken)
    {
        var line = await ReadLineAsync(cancellationToken);
        return line is null ? null : Decode(line);
    }

    public static FarmMessage Decode(string line) =>
        JsonSerializer.Deserialize(line, FarmJsonContext.Default.FarmMessage)
        ?? throw new InvalidDataException($"not a message: {line}");

    public async Task SendAsync(FarmMessage message, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(message, FarmJsonContext.Default.FarmMessage);
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await _stream.WriteAsync(bytes, cancellationToken);
            _stream.WriteByte((byte)'\n');
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }

        _reader.Dispose();
        await _stream.DisposeAsync();
        _sendLock.Dispose();
    }
}
