namespace WideEvents.Shipper.Configuration;

/// <summary>The on-disk queue between sources and sinks.</summary>
internal sealed class BufferOptions
{
    /// <summary>Largest total size of unconsumed segments, in bytes; when reached, sources stop reading until sinks catch up. Default 1 GiB.</summary>
    public long MaxBytes { get; set; } = 1L << 30;

    /// <summary>Size at which a segment file is closed and a new one started, in bytes. Default 64 MiB, and never more than a quarter of <see cref="MaxBytes"/>.</summary>
    public long SegmentBytes { get; set; } = 64L << 20;

    /// <summary>When writes are forced to disk. Default <see cref="FsyncPolicy.GroupCommit"/>.</summary>
    public FsyncPolicy Fsync { get; set; } = FsyncPolicy.GroupCommit;
}
