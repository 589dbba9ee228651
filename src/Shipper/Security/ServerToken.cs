namespace WideEvents.Shipper.Security;

/// <summary>The token callers of Ingest and Tail must present, or null when none is required.</summary>
internal sealed record ServerToken(string? Value);
