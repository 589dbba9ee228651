namespace WideEvents.Shipper.Records;

/// <summary>
/// One record with the identity that makes de-duplication possible downstream:
/// the source it came from and its sequence number within that source.
/// </summary>
/// <param name="SourceId">Stable id of the source (a file's UUID, a connection's UUID, an emitter's id).</param>
/// <param name="Sequence">Position of the record within its source, starting at 1.</param>
/// <param name="Json">UTF-8 bytes of one JSON object, without a newline, already widened.</param>
internal sealed record SourcedRecord(string SourceId, ulong Sequence, ReadOnlyMemory<byte> Json);
