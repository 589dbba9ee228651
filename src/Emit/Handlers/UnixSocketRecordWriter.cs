using System.Net.Sockets;
using Polly;

namespace WideEvents.Emit.Handlers;

/// <summary>
/// JSON lines to a unix domain socket that a listener (a sidecar, a test harness) owns. When
/// the listener goes away the batch is kept and resent after reconnecting with backoff; the
/// handler's queue absorbs what arrives meanwhile and counts what it cannot hold.
/// </summary>
internal sealed class UnixSocketRecordWriter : IRecordWriter
{
    private readonly string _path;
    private readonly ResiliencePipeline _reconnect;
    private RecordBatch? _batch;
    private Socket? _socket;
    private bool _outageReported;

    public UnixSocketRecordWriter(string path)
    {
        _path = path;
        _reconnect = ReconnectPipeline.Create(TimeSpan.FromSeconds(2), OnRetry);
    }

    public async ValueTask WriteAsync(RecordBatch batch, CancellationToken cancellationToken)
    {
        _batch = batch;
        await _reconnect.ExecuteAsync(
            static async (self, ct) =>
            {
                var socket = await self.ConnectAsync(ct).ConfigureAwait(false);
                try
                {
                    // A batch broken off midway is sent again whole after reconnecting: the
                    // listener discards the partial line of a closed connection.
                    foreach (var lines in self._batch!.Lines)
                    {
                        await socket.SendAsync(lines, SocketFlags.None, ct).ConfigureAwait(false);
                    }
                }
                catch (Exception ex) when (ex is SocketException or IOException)
                {
                    self.Disconnect();
                    throw;
                }
            },
            this,
            cancellationToken).ConfigureAwait(false);
    }

    public ValueTask FlushAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        Disconnect();
        return ValueTask.CompletedTask;
    }

    private async ValueTask<Socket> ConnectAsync(CancellationToken cancellationToken)
    {
        if (_socket is { Connected: true })
        {
            return _socket;
        }

        Disconnect();
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(_path), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        if (_outageReported)
        {
            StderrReporter.Report($"socket handler reconnected to {_path}");
            _outageReported = false;
        }

        _socket = socket;
        return socket;
    }

    private void Disconnect()
    {
        _socket?.Dispose();
        _socket = null;
    }

    private void OnRetry(Exception? ex)
    {
        if (!_outageReported)
        {
            _outageReported = true;
            StderrReporter.Report($"socket handler cannot reach {_path} ({ex?.Message}); retrying with backoff, records wait in the queue");
        }
    }
}
