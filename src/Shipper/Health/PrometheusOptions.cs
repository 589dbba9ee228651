namespace WideEvents.Shipper.Health;

/// <summary>The Prometheus text endpoint (the <c>Prometheus</c> section of the configuration).</summary>
internal sealed class PrometheusOptions
{
    public const string SectionName = "Prometheus";

    /// <summary>TCP port serving <c>GET /metrics</c> over plain HTTP/1.1. Default 0: no endpoint.</summary>
    public int Port { get; set; }

    /// <summary>Address to listen on. Default <c>127.0.0.1</c>; the metrics carry no records, but say how busy the host is.</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>What is wrong with these options, if anything.</summary>
    public IEnumerable<string> Problems()
    {
        if (Port is < 0 or > 65535)
        {
            yield return $"Prometheus:Port {Port} is not a TCP port (0 for no endpoint).";
        }

        if (Port > 0 && Address != "localhost" && !System.Net.IPAddress.TryParse(Address, out _))
        {
            yield return $"Prometheus:Address '{Address}' is not an IP address.";
        }
    }
}
