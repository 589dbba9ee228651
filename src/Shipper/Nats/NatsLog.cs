using Microsoft.Extensions.Logging;

namespace WideEvents.Shipper.Nats;

/// <summary>The log messages of the NATS JetStream sink and source (event ids 150-169), source-generated.</summary>
internal static partial class NatsLog
{
    [LoggerMessage(150, LogLevel.Information, "NATS sink {sink}: created stream {stream} (subjects {subjects}, {replicas} replicas, file storage)")]
    public static partial void StreamCreated(ILogger logger, string sink, string stream, string subjects, int replicas);

    [LoggerMessage(151, LogLevel.Warning, "NATS sink {sink}: attempt {attempt} failed, retrying in {delay_seconds:0.0} s: {error}: {message}")]
    public static partial void SinkRetry(ILogger logger, string sink, int attempt, double delay_seconds, string error, string message);

    [LoggerMessage(152, LogLevel.Warning, "NATS sink {sink}: stream {stream} is full ({message}): records wait in the buffer until collectors consume")]
    public static partial void StreamFull(ILogger logger, string sink, string stream, string message);

    [LoggerMessage(153, LogLevel.Information, "NATS sink {sink}: publishing to {subject} on stream {stream}")]
    public static partial void SinkReady(ILogger logger, string sink, string subject, string stream);

    [LoggerMessage(160, LogLevel.Information, "NATS source {source}: consuming stream {stream} as durable {durable} (filter {filter})")]
    public static partial void SourceReady(ILogger logger, string source, string stream, string durable, string filter);

    [LoggerMessage(161, LogLevel.Warning, "NATS source {source}: attempt {attempt} failed, retrying in {delay_seconds:0.0} s: {error}: {message}")]
    public static partial void SourceRetry(ILogger logger, string source, int attempt, double delay_seconds, string error, string message);

    [LoggerMessage(163, LogLevel.Warning, "NATS source {source}: expected delivery {expected}, got {delivery} (deliveries were lost on the way); consuming again from the oldest unacknowledged message")]
    public static partial void DeliveryGap(ILogger logger, string source, ulong expected, ulong delivery);

    [LoggerMessage(162, LogLevel.Error, "NATS source {source}: message {stream_sequence} on {subject} is not a run of records ({reason}); terminated, not stored")]
    public static partial void BadMessage(ILogger logger, string source, ulong stream_sequence, string subject, string reason);
}
