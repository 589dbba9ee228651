namespace WideEvents.Shipper.Configuration;

/// <summary>Store records as JSON-lines files, one series of files per source, each record exactly once.</summary>
internal sealed class StoreSinkOptions
{
    /// <summary>Name of this sink, unique among all sinks. Default <c>store</c>.</summary>
    public string Name { get; set; } = "store";

    /// <summary>Directory of the files. Required.</summary>
    public string Directory { get; set; } = "";

    /// <summary>Size at which a source's file is closed and the next started, in bytes. Default 256 MiB.</summary>
    public long MaxFileBytes { get; set; } = 256L << 20;

    /// <summary>Whether to fsync data and state before acknowledging. Default true.</summary>
    public bool Fsync { get; set; } = true;
}
