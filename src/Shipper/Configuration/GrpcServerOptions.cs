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

    /// <summary>
    /// How far past the highest sequence already taken from a source a batch may start. A batch
    /// that jumps further is refused (<c>OutOfRange</c>) and not acknowledged: acknowledging it
    /// would make every record in the gap a "duplicate" and drop it. A source first seen by this
    /// process may start anywhere (a sender resumes where it was). Default 1,000,000.
    /// </summary>
    public ulong MaxSequenceJump { get; set; } = 1_000_000;

    /// <summary>
    /// File of <c>USER TOKEN</c> lines: a caller presenting one of these tokens is accepted as that
    /// user (besides <c>Security</c>'s token, which names nobody), and Ingest stamps <c>user</c> on
    /// every record of its batches, replacing any <c>user</c> the record carried (kept as
    /// <c>claimed_user</c>). Default none.
    /// </summary>
    public string? UsersFile { get; set; }

    /// <summary>Fields added to every ingested record that lacks them (widening by constant). Default none.</summary>
    public Dictionary<string, string> Fields { get; set; } = [];
}
