namespace WideEvents.Shipper.Configuration;

/// <summary>
/// Ship to an OpenTelemetry receiver (an OpenTelemetry Collector, Jaeger, another shipper) over
/// OTLP/gRPC: every record as a log record, every span's end record also as a span. Retries,
/// circuit breaker, timeouts and TLS are the gRPC sink's.
/// </summary>
internal sealed class OtlpSinkOptions : GrpcSinkOptions
{
    public OtlpSinkOptions() => Name = "otlp";

    /// <summary>The receiver's OTLP/gRPC endpoint, <c>http://host:4317</c>; the same as <c>Address</c>. Required.</summary>
    public string Endpoint
    {
        get => Address;
        set => Address = value;
    }

    /// <summary>Headers sent with every export (<c>x-api-key</c>, say); a <c>Token</c> adds <c>authorization: Bearer</c>. Default none.</summary>
    public Dictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The <c>service.name</c> resource attribute of what is exported. Default <c>wideevents</c>.</summary>
    public string ServiceName { get; set; } = "wideevents";
}
