namespace WideEvents.Shipper.Configuration;

/// <summary>The whole configuration of one wide-shipper process (the root of the configuration file).</summary>
internal sealed class ShipperOptions
{
    /// <summary>Directory for the buffer, checkpoints, quarantine and status. Default <c>wide-shipper-data</c> beside the configuration file.</summary>
    public string DataDirectory { get; set; } = "wide-shipper-data";

    /// <summary>Longest accepted line, in bytes; longer lines are quarantined. Default 1 MiB.</summary>
    public int MaxLineBytes { get; set; } = 1 << 20;

    /// <summary>
    /// Permission bits (octal) taken away from every file and directory the shipper creates: the
    /// buffer, checkpoints, store and quarantine hold raw records. Default <c>077</c>: owner only
    /// (0600 files, 0700 directories); <c>027</c> lets the group read.
    /// </summary>
    public string Umask { get; set; } = "077";

    /// <summary>The disk buffer.</summary>
    public BufferOptions Buffer { get; set; } = new();

    /// <summary>The gRPC listener (Ingest source, Tail service).</summary>
    public GrpcServerOptions Grpc { get; set; } = new();

    /// <summary>Token required from Ingest and Tail callers. Default none: no token required.</summary>
    public TokenOptions Security { get; set; } = new();

    /// <summary>Sources.</summary>
    public SourcesOptions Sources { get; set; } = new();

    /// <summary>Sinks.</summary>
    public SinksOptions Sinks { get; set; } = new();

    /// <summary>Health reporting.</summary>
    public HealthOptions Health { get; set; } = new();
}
