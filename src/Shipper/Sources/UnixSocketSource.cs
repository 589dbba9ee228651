using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WideEvents.Shipper.Buffer;
using WideEvents.Shipper.Configuration;
using WideEvents.Shipper.Logging;
using WideEvents.Shipper.Records;

namespace WideEvents.Shipper.Sources;

/// <summary>
/// Listens on a unix domain socket (mode 0600, set before listening starts) for JSON lines.
/// Each connection is its own source with a fresh UUID. The next bytes are read only once the
/// previous ones are durable in the buffer, so a full buffer pushes back on the writer.
/// </summary>
internal sealed class UnixSocketSource(UnixSocketSourceOptions options, IRunDestination buffer, Func<LineIntake> newIntake, ILogger<UnixSocketSource> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (File.Exists(options.Path))
        {
            File.Delete(options.Path);
        }

        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(options.Path));
        File.SetUnixFileMode(options.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        listener.Listen(64);
        ShipperLog.SocketListening(logger, options.Path);
        var connections = new List<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                Socket connection = await listener.AcceptAsync(stoppingToken).ConfigureAwait(false);
                connections.RemoveAll(t => t.IsCompleted);
                connections.Add(Task.Run(() => ServeAsync(connection, stoppingToken), stoppingToken));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            File.Delete(options.Path);
        }

        await Task.WhenAll(connections.Select(c => c.ContinueWith(_ => { }, TaskScheduler.Default))).ConfigureAwait(false);
    }

    private async Task ServeAsync(Socket connection, CancellationToken cancellationToken)
    {
        LineIntake intake = newIntake(); // one per connection: an intake keeps per-line scratch state
        var target = new IntakeTarget(options.Name, Guid.CreateVersion7().ToString(), options.Path, new WideningFields(options.Fields), 1);
        byte[] window = new byte[Math.Max(1 << 20, intake.MaxLineBytes + 2)];
        int filled = 0;
        long windowOffset = 0;
        long skipping = -1; // start offset of an oversize line being discarded
        var runs = new RunBuilder();
        using (connection)
        {
            try
            {
                while (true)
                {
                    int got = await connection.ReceiveAsync(window.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                    if (got == 0)
                    {
                        break;
                    }

                    filled += got;
                    int start = 0;
                    if (skipping >= 0)
                    {
                        int newline = window.AsSpan(0, filled).IndexOf((byte)'\n');
                        if (newline < 0)
                        {
                            windowOffset += filled;
                            filled = 0;
                            continue;
                        }

                        start = newline + 1;
                        skipping = -1;
                    }

                    int consumed = start + intake.TakeLines(window.AsSpan(start, filled - start), windowOffset + start, target, runs);
                    if (consumed == 0 && filled == window.Length)
                    {
                        skipping = windowOffset;
                        intake.Quarantine(windowOffset, filled, LineVerdict.Oversize, window.AsSpan(0, QuarantineFile.KeptBytes), target);
                        consumed = filled;
                    }

                    await buffer.AppendAsync(runs.Take(), cancellationToken).ConfigureAwait(false);
                    window.AsSpan(consumed, filled - consumed).CopyTo(window);
                    filled -= consumed;
                    windowOffset += consumed;
                }
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                ShipperLog.SocketConnectionEnded(logger, options.Path, e.Message);
            }
        }
    }
}
