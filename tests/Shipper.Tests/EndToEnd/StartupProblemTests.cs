using System.Net;
using System.Security.Cryptography.X509Certificates;
using WideEvents.Shipper.Tests.Support;

namespace WideEvents.Shipper.Tests.EndToEnd;

/// <summary>Configuration and state a shipper cannot start with: exit code 2 and every problem listed, never an unhandled exception.</summary>
public sealed class StartupProblemTests
{
    [Fact]
    public async Task Unreadable_state_files_a_wrong_certificate_password_and_a_missing_socket_directory_are_all_listed_with_exit_code_2()
    {
        using var directory = new TempDirectory();
        Directory.CreateDirectory(directory.Combine("data"));
        Directory.CreateDirectory(directory.Combine("store"));
        File.WriteAllBytes(directory.Combine("data", "checkpoints.empty.json"), []);
        File.WriteAllText(directory.Combine("data", "checkpoints.garbled.json"), "[{\"SourceId\":");
        File.WriteAllText(directory.Combine("store", "store-state.json"), "{not json");
        using (X509Certificate2 certificate = TestCertificates.SelfSigned())
        {
            File.WriteAllBytes(directory.Combine("c.pfx"), certificate.Export(X509ContentType.Pfx, "right"));
        }

        string config = directory.Combine("c.json");
        File.WriteAllText(config, """
            {
              "DataDirectory": "data",
              "Grpc": { "Port": 1, "CertificatePath": "c.pfx", "CertificatePassword": "wrong" },
              "Sources": {
                "Files": [ { "Name": "empty", "Include": [ "*.jsonl" ] }, { "Name": "garbled", "Include": [ "*.jsonl" ] } ],
                "UnixSockets": [ { "Path": "no-such-directory/in.sock" } ]
              },
              "Sinks": { "Stores": [ { "Directory": "store" } ] }
            }
            """);

        using ShipperProcess process = ShipperProcess.Start(config);

        Assert.Equal(2, await process.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        string log = process.Log;
        Assert.Contains("checkpoints.empty.json is empty", log, StringComparison.Ordinal);
        Assert.Contains("checkpoints.garbled.json is not valid JSON", log, StringComparison.Ordinal);
        Assert.Contains("store-state.json is not valid JSON", log, StringComparison.Ordinal);
        Assert.Contains("c.pfx cannot be loaded as PKCS#12", log, StringComparison.Ordinal);
        Assert.Contains("no-such-directory/in.sock does not exist", log, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_port_another_process_listens_on_is_a_startup_problem_with_exit_code_2_not_a_crash()
    {
        using var directory = new TempDirectory();
        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;
        string config = directory.Combine("c.json");
        File.WriteAllText(config, $$"""{ "DataDirectory": "data", "Grpc": { "Port": {{port}} }, "Sinks": { "Stores": [ { "Directory": "store" } ] } }""");

        using ShipperProcess process = ShipperProcess.Start(config);

        Assert.Equal(2, await process.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("address already in use", process.Log, StringComparison.Ordinal);
        Assert.Contains("Choose another Grpc:Port", process.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", process.Log, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PEM where PKCS#12 is expected")]
    [InlineData("missing file")]
    public async Task A_certificate_that_cannot_be_loaded_is_a_configuration_error_with_exit_code_2(string fault)
    {
        using var directory = new TempDirectory();
        if (fault.StartsWith("PEM", StringComparison.Ordinal))
        {
            using X509Certificate2 certificate = TestCertificates.SelfSigned();
            File.WriteAllText(directory.Combine("c.pfx"), certificate.ExportCertificatePem());
        }

        string config = directory.Combine("c.json");
        File.WriteAllText(config, """{ "DataDirectory": "data", "Grpc": { "Port": 1, "CertificatePath": "c.pfx" }, "Sinks": { "Stdout": [ {} ] } }""");

        using ShipperProcess process = ShipperProcess.Start(config);

        Assert.True(2 == await process.WaitForExitAsync(TimeSpan.FromSeconds(30)), process.Log);
        Assert.Contains("c.pfx cannot be loaded as PKCS#12", process.Log, StringComparison.Ordinal);
    }
}
