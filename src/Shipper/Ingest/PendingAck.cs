namespace WideEvents.Shipper.Ingest;

/// <summary>An acknowledgement to send once <paramref name="Durable"/> completes.</summary>
internal sealed record PendingAck(string SourceId, ulong Through, Task Durable);
