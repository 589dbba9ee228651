using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;
using WideEvents.Shipper.Configuration;

namespace WideEvents.Shipper.Sinks;

/// <summary>The channel a gRPC sink calls through: HTTP/2 keep-alive, the pinned certificate, and a reconnect back-off that stays out of Polly's way.</summary>
internal static class GrpcSinkChannel
{
    /// <summary>
    /// The channel's own reconnect back-off (by default 1 s growing to 120 s) sits under Polly's:
    /// while it waits, every call fails at once, so a collector that is back stays unused until
    /// the channel's timer runs out, seconds after Polly's retry. Kept at most Polly's first delay
    /// (and 1 s), the retry policy is the one that governs.
    /// </summary>
    public static GrpcChannelOptions Options(GrpcSinkOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            KeepAlivePingDelay = TimeSpan.FromSeconds(20),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
            ConnectTimeout = TimeSpan.FromSeconds(5),
        };
        if (!string.IsNullOrEmpty(options.TrustedCertificatePath))
        {
            X509Certificate2 trusted = X509CertificateLoader.LoadCertificateFromFile(options.TrustedCertificatePath);
            handler.SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, certificate, _, errors) => TrustedBy(trusted, certificate, errors) };
        }

        TimeSpan maxBackoff = TimeSpan.FromSeconds(Math.Clamp(options.RetryBaseDelaySeconds, 0.05, 1));
        return new GrpcChannelOptions
        {
            HttpHandler = handler,
            MaxReceiveMessageSize = 64 << 20,
            MaxSendMessageSize = 64 << 20,
            InitialReconnectBackoff = TimeSpan.FromTicks(Math.Min(TimeSpan.FromMilliseconds(100).Ticks, maxBackoff.Ticks)),
            MaxReconnectBackoff = maxBackoff,
        };
    }

    /// <summary>Replaces only the chain check with the pinned root: a certificate for another host name is refused as without pinning.</summary>
    private static bool TrustedBy(X509Certificate2 trusted, X509Certificate? presented, SslPolicyErrors errors)
    {
        if (presented is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(trusted);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var certificate = new X509Certificate2(presented);
        return chain.Build(certificate);
    }
}
