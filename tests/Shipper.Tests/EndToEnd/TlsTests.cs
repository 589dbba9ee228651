using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using WideEvents.Shipper.Configuration;
using WideEvents.Shipper.Hosting;
using WideEvents.Shipper.Tests.Support;

namespace WideEvents.Shipper.Tests.EndToEnd;

public sealed class TlsTests
{
    [Fact]
    public async Task A_sidecar_ships_over_tls_to_a_collector_whose_certificate_it_trusts()
    {
        using var certificates = new TempDirectory();
        string pfx = certificates.Combine("collector.pfx");
        string trusted = certificates.Combine("collector.crt");
        using (X509Certificate2 certificate = TestCertificates.SelfSigned())
        {
            File.WriteAllBytes(pfx, certificate.Export(X509ContentType.Pfx, "pw"));
            File.WriteAllText(trusted, certificate.ExportCertificatePem());
        }

        using var pair = new ShipperPair(
            sidecar: s =>
            {
                JsonNode sink = s["Sinks"]!["Grpc"]![0]!;
                sink["Address"] = sink["Address"]!.GetValue<string>().Replace("http://", "https://", StringComparison.Ordinal);
                sink["TrustedCertificatePath"] = trusted;
            },
            collector: c =>
            {
                c["Grpc"]!["CertificatePath"] = pfx;
                c["Grpc"]!["CertificatePassword"] = "pw";
            });
        pair.StartCollector();
        pair.StartSidecar();
        RecordWriter.Append(Path.Combine(pair.InputDirectory, "app.jsonl"), 1, 1_000);

        await Eventually.HoldsAsync(() => pair.StoredThrough() >= 1_000, TimeSpan.FromSeconds(30), pair.Logs);
        Signals.Terminate(pair.Collector!.Id);
        await pair.Collector.WaitForExitAsync(TimeSpan.FromSeconds(20));
        RecordWriter.AssertExactlyOnce(pair.StoredLines(), 1_000);
    }

    [Fact]
    public async Task A_sidecar_refuses_a_collector_certificate_it_does_not_trust()
    {
        using var certificates = new TempDirectory();
        string pfx = certificates.Combine("collector.pfx");
        string other = certificates.Combine("other.crt");
        using (X509Certificate2 certificate = TestCertificates.SelfSigned())
        using (X509Certificate2 unrelated = TestCertificates.SelfSigned())
        {
            File.WriteAllBytes(pfx, certificate.Export(X509ContentType.Pfx, "pw"));
            File.WriteAllText(other, unrelated.ExportCertificatePem());
        }

        await AssertRefusedAsync(pfx, other);
    }

    [Fact]
    public async Task A_sidecar_refuses_a_trusted_certificate_issued_for_another_host_name()
    {
        using var certificates = new TempDirectory();
        string pfx = certificates.Combine("evil.pfx");
        string trusted = certificates.Combine("evil.crt");
        using (X509Certificate2 certificate = TestCertificates.SelfSigned("evil.example"))
        {
            File.WriteAllBytes(pfx, certificate.Export(X509ContentType.Pfx, "pw"));
            File.WriteAllText(trusted, certificate.ExportCertificatePem());
        }

        await AssertRefusedAsync(pfx, trusted);
    }

    [Fact]
    public void A_pinned_certificate_needs_an_https_address_and_a_readable_file()
    {
        using var certificates = new TempDirectory();
        string trusted = certificates.Combine("collector.crt");
        using (X509Certificate2 certificate = TestCertificates.SelfSigned())
        {
            File.WriteAllText(trusted, certificate.ExportCertificatePem());
        }

        var options = new ShipperOptions();
        options.Sinks.Grpc.Add(new GrpcSinkOptions { Name = "plain", Address = "http://127.0.0.1:4317", TrustedCertificatePath = trusted });
        options.Sinks.Grpc.Add(new GrpcSinkOptions { Name = "missing", Address = "https://127.0.0.1:4317", TrustedCertificatePath = certificates.Combine("none.crt") });
        options.Sinks.Otlp.Add(new OtlpSinkOptions { Name = "otlp", Endpoint = "http://127.0.0.1:4318", TrustedCertificatePath = trusted });
        options.Sinks.Grpc.Add(new GrpcSinkOptions { Name = "fine", Address = "https://127.0.0.1:4317", TrustedCertificatePath = trusted });

        IReadOnlyList<string> problems = ShipperOptionsValidator.Problems(options);

        Assert.Contains(problems, p => p.StartsWith("gRPC sink 'plain': TrustedCertificatePath is set, so Address must be https://", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("gRPC sink 'missing': TrustedCertificatePath", StringComparison.Ordinal) && p.Contains("cannot be read", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("OTLP sink 'otlp': TrustedCertificatePath is set", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("'fine'", StringComparison.Ordinal));
    }

    /// <summary>A collector serving <paramref name="pfx"/> and a sidecar trusting only <paramref name="trusted"/>: nothing may be shipped.</summary>
    private static async Task AssertRefusedAsync(string pfx, string trusted)
    {
        using var pair = new ShipperPair(
            sidecar: s =>
            {
                JsonNode sink = s["Sinks"]!["Grpc"]![0]!;
                sink["Address"] = sink["Address"]!.GetValue<string>().Replace("http://", "https://", StringComparison.Ordinal);
                sink["TrustedCertificatePath"] = trusted;
            },
            collector: c =>
            {
                c["Grpc"]!["CertificatePath"] = pfx;
                c["Grpc"]!["CertificatePassword"] = "pw";
            });
        pair.StartCollector();
        pair.StartSidecar();
        RecordWriter.Append(Path.Combine(pair.InputDirectory, "app.jsonl"), 1, 10);

        await Eventually.HoldsAsync(() => pair.Sidecar!.Log.Contains("remote certificate was rejected", StringComparison.Ordinal), TimeSpan.FromSeconds(30), pair.Logs);
        Assert.Equal(0UL, pair.StoredThrough());
    }
}
