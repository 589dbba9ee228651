using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Net.Client;

namespace WideEvents.Contracts.Client;

/// <summary>
/// How every client of the Ingest protocol (Emit's gRPC handler, the shipper's gRPC and OTLP
/// sinks) reaches its receiver: one channel set-up (a unix socket or HTTP/2 with keep-alive, a
/// pinned certificate, message limits, a reconnect back-off kept under the caller's retry
/// policy), one way to send the bearer token, and one rule for what is worth retrying.
/// </summary>
internal static class IngestChannel
{
    /// <summary>Largest message either side takes: a batch of a million-record call fits.</summary>
    public const int MaxMessageBytes = 64 << 20;

    /// <summary>A channel to the receiver.</summary>
    /// <param name="address"><c>http://host:port</c>, <c>https://host:port</c> or <c>unix:/path</c>.</param>
    /// <param name="trustedCertificatePath">
    /// When set, the receiver's certificate must chain to this one (and name the host) instead of
    /// to the system's roots.
    /// </param>
    /// <param name="maxReconnectBackoff">
    /// The channel's own reconnect back-off (by default 1 s growing to 120 s) sits under the
    /// caller's retry policy: while it waits, every call fails at once, so a receiver that is back
    /// stays unused until the channel's timer runs out. Kept at most the caller's first delay, the
    /// retry policy is the one that governs.
    /// </param>
    public static GrpcChannel Create(string address, string? trustedCertificatePath, TimeSpan maxReconnectBackoff)
    {
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            KeepAlivePingDelay = TimeSpan.FromSeconds(20),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
            ConnectTimeout = TimeSpan.FromSeconds(5),
        };
        if (!string.IsNullOrEmpty(trustedCertificatePath))
        {
            X509Certificate2 trusted = LoadCertificate(trustedCertificatePath);
            handler.SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, certificate, _, errors) => TrustedBy(trusted, certificate, errors) };
        }

        if (address.StartsWith("unix:", StringComparison.Ordinal))
        {
            string path = address["unix:".Length..];
            handler.ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
            address = "http://localhost";
        }

        return GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = handler,
            MaxReceiveMessageSize = MaxMessageBytes,
            MaxSendMessageSize = MaxMessageBytes,
            InitialReconnectBackoff = TimeSpan.FromTicks(Math.Min(TimeSpan.FromMilliseconds(100).Ticks, maxReconnectBackoff.Ticks)),
            MaxReconnectBackoff = maxReconnectBackoff,
        });
    }

    /// <summary>The call headers: the bearer token when there is one.</summary>
    public static Metadata Headers(string? token) =>
        string.IsNullOrEmpty(token) ? [] : [new Metadata.Entry("authorization", "Bearer " + token)];

    /// <summary>
    /// Whether a failed call is worth trying again: everything but cancellation. A refused token
    /// is retried too (an operator can fix it while records wait; the caller reports it), and a
    /// record the receiver cannot take is quarantined there and acknowledged, never refused.
    /// </summary>
    public static bool ShouldRetry(Exception exception) => exception is not OperationCanceledException;

    /// <summary>Why a pinned certificate cannot be used with <paramref name="address"/>; null when it can.</summary>
    public static string? PinProblem(string address, string trustedCertificatePath)
    {
        if (!address.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            // Without TLS the pin would be ignored and records would go out in clear text.
            return $"TrustedCertificatePath is set, so Address must be https:// (it is {address}).";
        }

        try
        {
            using X509Certificate2 certificate = LoadCertificate(trustedCertificatePath);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            return $"TrustedCertificatePath {trustedCertificatePath} cannot be read as a certificate ({e.Message}).";
        }
    }

    private static X509Certificate2 LoadCertificate(string path) =>
#if NET9_0_OR_GREATER
        X509CertificateLoader.LoadCertificateFromFile(path);
#else
        new(path);
#endif

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
