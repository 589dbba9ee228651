using OpenTelemetry.Proto.Resource.V1;

namespace WideEvents.Shipper.Otlp;

/// <summary>
/// The source id under which an OTLP resource's records are stored. OTLP items carry no sequence
/// number, so this process numbers them: the id names the process run (a new one at each start),
/// which keeps its numbering apart from an earlier run's, whose records the store already holds.
/// </summary>
internal static class OtlpSource
{
    private static readonly string s_run = Guid.CreateVersion7().ToString("N")[..16];

    public static string IdOf(Resource? resource)
    {
        string service = Attribute(resource, "service.name") ?? "unknown_service";
        string instance = Attribute(resource, "service.instance.id") ?? Attribute(resource, "host.name") ?? "-";
        return $"otlp/{service}/{instance}/{s_run}";
    }

    private static string? Attribute(Resource? resource, string key) =>
        resource is null ? null : OtlpValues.Find(resource.Attributes, key);
}
