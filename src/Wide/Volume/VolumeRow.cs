namespace WideEvents.Cli.Volume;

/// <summary>One group of records (a template, a source, a level, or a combination): how many and how big.</summary>
internal sealed class VolumeRow(string[] key)
{
    public string[] Key { get; } = key;

    public long Records { get; set; }

    public long Bytes { get; set; }

    public long Longest { get; set; }

    public void Add(long bytes)
    {
        Records++;
        Bytes += bytes;
        Longest = Math.Max(Longest, bytes);
    }
}
