using System.Text.Json.Serialization;

namespace WideEvents.Shipper.Health;

/// <summary>The content of status.json.</summary>
internal sealed record ShipperStatus(DateTimeOffset WrittenAt, DateTimeOffset StartedAt, int ProcessId, SortedDictionary<string, long> Metrics);

/// <summary>status.json's serialisation, generated (its first use was tens of milliseconds of every process's start).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ShipperStatus))]
internal sealed partial class ShipperStatusJson : JsonSerializerContext;
