using Grpc.Net.Client;
using WideEvents.Contracts.Client;
using WideEvents.Shipper.Configuration;

namespace WideEvents.Shipper.Sinks;

/// <summary>The channel a gRPC or OTLP sink calls through: the Ingest clients' shared set-up (<see cref="IngestChannel"/>), with the sink's pin and back-off.</summary>
internal static class GrpcSinkChannel
{
    public static GrpcChannel Create(GrpcSinkOptions options, string address) =>
        IngestChannel.Create(address, options.TrustedCertificatePath, ReconnectBackoff(options));

    /// <summary>The channel's reconnect back-off: at most Polly's first delay (and 1 s), so that Polly's governs.</summary>
    public static TimeSpan ReconnectBackoff(GrpcSinkOptions options) =>
        TimeSpan.FromSeconds(Math.Clamp(options.RetryBaseDelaySeconds, 0.05, 1));
}
