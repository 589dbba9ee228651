namespace WideEvents.Shipper.Sinks;

/// <summary>What the store holds of one source: its current file and the high-water sequence.</summary>
internal sealed class StoreSourceState
{
    /// <summary>File name prefix, derived from the source id.</summary>
    public string Prefix { get; set; } = "";

    /// <summary>Number of the current file; earlier numbers are complete.</summary>
    public int FileIndex { get; set; } = 1;

    /// <summary>Committed length of the current file; anything beyond it after a crash is cut off, since it will be delivered again.</summary>
    public long Length { get; set; }

    /// <summary>Highest sequence stored; records at or below it are duplicates.</summary>
    public ulong Through { get; set; }
}
