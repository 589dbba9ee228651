using WideEvents.Shipper.Records;

namespace WideEvents.Shipper.Buffer;

/// <summary>A run read back from the buffer, with the position just after it (what a reader commits once it is acknowledged).</summary>
internal sealed record BufferedRun(RecordRun Run, BufferPosition Next);
