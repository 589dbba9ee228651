namespace WideEvents.Shipper.Buffer;

/// <summary>What a reader may read from one segment now.</summary>
/// <param name="Start">Where to read from (moved forward when the asked-for segment is gone).</param>
/// <param name="End">End of the durable bytes in that segment.</param>
/// <param name="Closed">Whether the segment will grow no more, so a reader at its end moves to the next.</param>
/// <param name="DataAvailable">Completes when more becomes durable.</param>
internal readonly record struct ReadWindow(BufferPosition Start, long End, bool Closed, Task DataAvailable);
