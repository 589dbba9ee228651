namespace WideEvents.Shipper.Configuration;

/// <summary>Where records come from. The gRPC Ingest source is configured by <see cref="ShipperOptions.Grpc"/>.</summary>
internal sealed class SourcesOptions
{
    /// <summary>File tailers. Default none.</summary>
    public List<FileSourceOptions> Files { get; set; } = [];

    /// <summary>Unix socket listeners. Default none.</summary>
    public List<UnixSocketSourceOptions> UnixSockets { get; set; } = [];

    /// <summary>Host sampling from /proc. Default none.</summary>
    public HostSourceOptions? Host { get; set; }

    /// <summary>Kernel messages and OOM kills. Default none.</summary>
    public KernelSourceOptions? Kernel { get; set; }

    /// <summary>NATS JetStream durable consumers (a collector's side of the NATS transport). Default none.</summary>
    public List<NatsSourceOptions> Nats { get; set; } = [];
}
