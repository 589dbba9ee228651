namespace WideEvents.Shipper.Configuration;

/// <summary>The gRPC listener that serves Ingest (a source) and Tail.</summary>
internal sealed class GrpcServerOptions
{
    /// <summary>Address to listen on. Default <c>127.0.0.1</c>: loopback only unless configured otherwise.</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>TCP port. Default 0: no TCP listener; the services are then served only on the owner-only unix socket <c>grpc.sock</c> in the data directory.</summary>
    public int Port { get; set; }

    /// <summary>PKCS#12 certificate file; when set, the TCP listener uses TLS. Default none.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>Password of <see cref="CertificatePath"/>. Default none.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>Fields added to every ingested record that lacks them (widening by constant). Default none.</summary>
    public Dictionary<string, string> Fields { get; set; } = [];
}
