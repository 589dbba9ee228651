namespace WideEvents.Shipper.Configuration;

/// <summary>Ship to another shipper or a collector over gRPC Ingest.Push.</summary>
internal class GrpcSinkOptions
{
    /// <summary>Name of this sink, unique among all sinks; names its buffer cursor. Default <c>grpc</c>.</summary>
    public string Name { get; set; } = "grpc";

    /// <summary>Address of the receiver, <c>http://host:port</c> or <c>https://host:port</c>. Required.</summary>
    public string Address { get; set; } = "";

    /// <summary>Bearer token sent to the receiver. Default none.</summary>
    public TokenOptions Token { get; set; } = new();

    /// <summary>PEM certificate of a CA (or the receiver itself) to trust for https; default the system's trust store.</summary>
    public string? TrustedCertificatePath { get; set; }

    /// <summary>Most records sent in one call before waiting for their acknowledgements. Default 20,000.</summary>
    public int MaxRecordsPerCall { get; set; } = 20_000;

    /// <summary>Most records in one batch message. Default 1,000.</summary>
    public int MaxRecordsPerBatch { get; set; } = 1_000;

    /// <summary>Time allowed for one call (send and all acknowledgements), in seconds. Default 30.</summary>
    public double CallTimeoutSeconds { get; set; } = 30;

    /// <summary>First retry delay, in seconds; doubled each attempt with full jitter. Default 1.</summary>
    public double RetryBaseDelaySeconds { get; set; } = 1;

    /// <summary>Largest retry delay, in seconds. Default 30. Retries never stop.</summary>
    public double RetryMaxDelaySeconds { get; set; } = 30;

    /// <summary>Seconds the circuit stays open after it breaks. Default 5.</summary>
    public double BreakSeconds { get; set; } = 5;
}
