using System.Text.Json;

namespace WideEvents.Shipper.Health;

/// <summary>The content of status.json.</summary>
internal sealed record ShipperStatus(DateTimeOffset WrittenAt, DateTimeOffset StartedAt, int ProcessId, SortedDictionary<string, long> Metrics)
{
    public static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}
