using Microsoft.Extensions.Logging;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using WideEvents.Shipper.Configuration;

namespace WideEvents.Shipper.Nats;

/// <summary>Creates the sink's stream when it is absent. An existing stream is used as it is: its owner may have tuned it.</summary>
internal static class NatsStreamSetup
{
    /// <summary>JetStream's error code for "stream not found".</summary>
    private const int StreamNotFound = 10059;

    /// <summary>The subject with <c>{host}</c> replaced by the machine's name.</summary>
    public static string Subject(NatsSinkOptions options) => options.Subject.Replace("{host}", Environment.MachineName, StringComparison.Ordinal);

    /// <summary>
    /// The stream's subjects when this sink creates it: those configured, else the subject's tokens
    /// before the first placeholder followed by <c>&gt;</c>, so that every host's subject lands in it.
    /// </summary>
    public static IReadOnlyList<string> StreamSubjects(NatsSinkOptions options)
    {
        if (options.StreamSubjects.Count > 0)
        {
            return options.StreamSubjects;
        }

        string[] tokens = options.Subject.Split('.');
        int placeholder = Array.FindIndex(tokens, t => t.Contains('{', StringComparison.Ordinal));
        return placeholder < 0 ? [options.Subject] : [string.Join('.', tokens[..placeholder].Append(">"))];
    }

    public static StreamConfig Config(NatsSinkOptions options) => new(options.Stream, [.. StreamSubjects(options)])
    {
        Storage = StreamConfigStorage.File,
        NumReplicas = options.Replicas,
        // A work queue: a message is removed once a collector acknowledges it, so a stream at its
        // limits frees room as collectors catch up. Each subject may have one consumer only,
        // which is what shard ownership (docs/shipper.md) needs anyway.
        Retention = StreamConfigRetention.Workqueue,
        // At the limits, new publishes are refused (and retried by the sink), never old messages dropped.
        Discard = StreamConfigDiscard.New,
        MaxBytes = options.MaxBytes,
        MaxMsgs = options.MaxMessages,
        DuplicateWindow = TimeSpan.FromSeconds(options.DuplicateWindowSeconds),
    };

    public static async Task EnsureAsync(INatsJSContext js, NatsSinkOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await js.GetStreamAsync(options.Stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (NatsJSApiException e) when (e.Error.ErrCode == StreamNotFound)
        {
        }

        StreamConfig config = Config(options);
        try
        {
            await js.CreateStreamAsync(config, cancellationToken).ConfigureAwait(false);
            NatsLog.StreamCreated(logger, options.Name, options.Stream, string.Join(" ", config.Subjects!), options.Replicas);
        }
        catch (NatsJSApiException)
        {
            // Another sidecar may have created it meanwhile; if it still is absent, this throws again.
            await js.GetStreamAsync(options.Stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }
}
