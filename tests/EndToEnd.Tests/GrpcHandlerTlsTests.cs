using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using WideEvents.Emit;
using WideEvents.EndToEnd.Tests.Support;

namespace WideEvents.EndToEnd.Tests;

/// <summary>
/// Emit's gRPC handler through the Ingest clients' shared channel: TLS with a pinned
/// certificate and a bearer token against a real collector that requires both.
/// </summary>
public sealed class GrpcHandlerTlsTests
{
    [Fact]
    public async Task Records_reach_a_collector_over_tls_with_a_pinned_certificate_and_a_token()
    {
        var root = Directory.CreateTempSubdirectory("we-grpc-tls-").FullName;
        try
        {
            var (port, collector) = await StartCollectorAsync(root, trustedName: "collector.crt");
            using (collector)
            {
                var stored = await LogAndWaitAsync(root, port, Path.Combine(root, "collector.crt"), token: "s3cret", records: 500);
                await collector.StopAsync();
                Assert.Equal(Enumerable.Range(0, 500), stored.Order());
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Nothing_reaches_a_collector_whose_certificate_is_not_the_pinned_one()
    {
        var root = Directory.CreateTempSubdirectory("we-grpc-tls-").FullName;
        try
        {
            var (port, collector) = await StartCollectorAsync(root, trustedName: "collector.crt");
            using (collector)
            {
                using (var other = SelfSigned())
                {
                    await File.WriteAllTextAsync(Path.Combine(root, "other.crt"), other.ExportCertificatePem());
                }

                var stored = await LogAndWaitAsync(root, port, Path.Combine(root, "other.crt"), token: "s3cret", records: 50, wait: TimeSpan.FromSeconds(5));
                await collector.StopAsync();
                Assert.Empty(stored);
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>A collector serving a fresh self-signed certificate (its PEM written to <paramref name="trustedName"/>) and requiring the token "s3cret".</summary>
    private static async Task<(int Port, ShipperProcess Collector)> StartCollectorAsync(string root, string trustedName)
    {
        using (var certificate = SelfSigned())
        {
            await File.WriteAllBytesAsync(Path.Combine(root, "collector.pfx"), certificate.Export(X509ContentType.Pfx, "pw"));
            await File.WriteAllTextAsync(Path.Combine(root, trustedName), certificate.ExportCertificatePem());
        }

        await File.WriteAllTextAsync(Path.Combine(root, "token"), "s3cret");
        var port = ShipperProcess.FreePort();
        var config = Path.Combine(root, "collector.json");
        await File.WriteAllTextAsync(config, $$"""
            {
              "DataDirectory": "collector-data",
              "Security": { "TokenFile": "token" },
              "Grpc": { "Address": "127.0.0.1", "Port": {{port}}, "CertificatePath": "collector.pfx", "CertificatePassword": "pw" },
              "Sinks": { "Stores": [ { "Name": "store", "Directory": "store" } ] }
            }
            """);
        var collector = ShipperProcess.Start(config);
        await ShipperProcess.WaitForPortAsync(port, TimeSpan.FromSeconds(60));
        return (port, collector);
    }

    /// <summary>Logs <paramref name="records"/> records through a gRPC handler and returns the indexes the store holds once it has them all (or after <paramref name="wait"/>).</summary>
    private static async Task<List<int>> LogAndWaitAsync(string root, int port, string trusted, string token, int records, TimeSpan? wait = null)
    {
        var factory = LoggerFactory.Create(b => b.AddWideEvents(o =>
        {
            o.Component = "grpc-tls-test";
            o.Handlers.Add(new HandlerOptions
            {
                Type = HandlerType.Grpc,
                Address = $"https://127.0.0.1:{port}",
                TrustedCertificatePath = trusted,
                Token = token,
                ShutdownTimeoutMilliseconds = 3_000,
            });
        }));
        var logger = factory.CreateLogger("test");
        for (var i = 0; i < records; i++)
        {
            logger.LogInformation("record {Index}", i);
        }

        var stored = await StoreIndexes.WaitForAsync(Path.Combine(root, "store"), records, wait ?? TimeSpan.FromSeconds(60));
        await Task.Run(factory.Dispose);
        return stored;
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }
}
