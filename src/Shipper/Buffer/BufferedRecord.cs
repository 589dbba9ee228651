using WideEvents.Shipper.Records;

namespace WideEvents.Shipper.Buffer;

/// <summary>A record read back from the buffer, with the position just after it (what a reader commits once it is acknowledged).</summary>
internal sealed record BufferedRecord(SourcedRecord Record, BufferPosition Next);
