using System.Buffers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace WideEvents.Emit.Handlers;

/// <summary>
/// The Recent handler's writer: keeps what the handler writes in a <see cref="RecentRecordRing"/>
/// and answers <see cref="RecentQuery"/> lines on a unix socket (mode 0600), one query per
/// connection: the matching records as JSON lines, then the connection closes. A bad query gets
/// one line <c>{"error": "..."}</c>.
/// </summary>
internal sealed class RecentRecordsWriter : IRecordWriter
{
    private const int MaxQueryBytes = 64 * 1024;

    private readonly RecentRecordRing _ring;
    private readonly string _path;
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;

    public RecentRecordsWriter(string path, int maxRecords, long maxBytes, TimeSpan maxAge, TimeProvider clock)
    {
        _ring = new RecentRecordRing(maxRecords, maxBytes, maxAge, clock);
        _path = path;

        // A socket file left by a process that died is in the way; a live owner of the same path
        // would be a configuration mistake ({pid} in Path keeps processes apart).
        File.Delete(path);
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(path));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        _listener.Listen(16);
        _serving = Task.Run(ServeAsync);
    }

    public ValueTask WriteAsync(RecordBatch batch, CancellationToken cancellationToken)
    {
        _ring.Add(batch);
        return ValueTask.CompletedTask;
    }

    public ValueTask FlushAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        await _serving.ConfigureAwait(false);
        File.Delete(_path);
        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = AnswerAsync(connection);
        }
    }

    private async Task AnswerAsync(Socket connection)
    {
        using (connection)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                timeout.CancelAfter(TimeSpan.FromSeconds(30));
                var request = await ReadLineAsync(connection, timeout.Token).ConfigureAwait(false);
                byte[] answer;
                try
                {
                    answer = _ring.Select(RecentQuery.Parse(request));
                }
                catch (FormatException e)
                {
                    answer = ErrorAnswer(e.Message);
                }

                await connection.SendAsync(answer, SocketFlags.None, timeout.Token).ConfigureAwait(false);
                connection.Shutdown(SocketShutdown.Both);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or IOException)
            {
                // A client that went away or never asked: nothing to answer.
            }
        }
    }

    private static async Task<byte[]> ReadLineAsync(Socket connection, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxQueryBytes];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await connection.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            var newline = Array.IndexOf(buffer, (byte)'\n', length, read);
            length += read;
            if (read == 0 || newline >= 0)
            {
                return buffer[..(newline >= 0 ? newline : length)];
            }
        }

        return buffer;
    }

    private static byte[] ErrorAnswer(string message)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            writer.WriteString("error", message);
            writer.WriteEndObject();
        }

        return [.. output.WrittenSpan, (byte)'\n'];
    }
}
