namespace WideEvents.Shipper.Configuration;

/// <summary>Where records go. Each sink reads the buffer with its own cursor.</summary>
internal sealed class SinksOptions
{
    /// <summary>gRPC sinks. Default none.</summary>
    public List<GrpcSinkOptions> Grpc { get; set; } = [];

    /// <summary>Store sinks. Default none.</summary>
    public List<StoreSinkOptions> Stores { get; set; } = [];

    /// <summary>OTLP/gRPC sinks. Default none.</summary>
    public List<OtlpSinkOptions> Otlp { get; set; } = [];

    /// <summary>Standard output sinks. Default none.</summary>
    public List<StdoutSinkOptions> Stdout { get; set; } = [];

    /// <summary>NATS JetStream sinks. Default none.</summary>
    public List<NatsSinkOptions> Nats { get; set; } = [];

    /// <summary>Names of all sinks, in the order above.</summary>
    public IReadOnlyList<string> Names() =>
        [.. Grpc.Select(s => s.Name), .. Stores.Select(s => s.Name), .. Otlp.Select(s => s.Name), .. Stdout.Select(s => s.Name), .. Nats.Select(s => s.Name)];
}
