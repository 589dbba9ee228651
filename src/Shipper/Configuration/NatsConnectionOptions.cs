namespace WideEvents.Shipper.Configuration;

/// <summary>How to reach a NATS cluster: its servers and what to authenticate with. Shared by the NATS sink and source.</summary>
internal class NatsConnectionOptions
{
    /// <summary>Server URLs, <c>nats://host:port</c> (or <c>tls://</c>); the client fails over between them. Required.</summary>
    public List<string> Servers { get; set; } = [];

    /// <summary>Token for token authentication. Default none.</summary>
    public TokenOptions Token { get; set; } = new();

    /// <summary>User name for user/password authentication; the password comes from <see cref="PasswordEnvironmentVariable"/>. Default none.</summary>
    public string? Username { get; set; }

    /// <summary>Environment variable holding the password of <see cref="Username"/>. Default none.</summary>
    public string? PasswordEnvironmentVariable { get; set; }

    /// <summary>A <c>.creds</c> file (user JWT and NKey seed), as <c>nsc</c> writes them. Default none.</summary>
    public string? CredentialsFile { get; set; }

    /// <summary>An NKey seed file. Default none.</summary>
    public string? NKeyFile { get; set; }

    /// <summary>PEM file of the CA to trust for TLS; default the system's trust store.</summary>
    public string? TlsCaFile { get; set; }

    /// <summary>PEM client certificate and key for mutual TLS. Default none.</summary>
    public string? TlsCertFile { get; set; }

    /// <summary>PEM key of <see cref="TlsCertFile"/>. Default none.</summary>
    public string? TlsKeyFile { get; set; }

    /// <summary>Require TLS even on <c>nats://</c> URLs. Default false (TLS when the server asks for it or the URL is <c>tls://</c>).</summary>
    public bool RequireTls { get; set; }
}
