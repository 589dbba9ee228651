namespace WideEvents.Shipper.Configuration;

/// <summary>Samples the host from <c>/proc</c> as metric records (<c>Sources:Host</c>; absent means no sampling).</summary>
internal sealed class HostSourceOptions
{
    /// <summary>Name of this source (for quarantine entries and the <c>origin</c> of its records). Default <c>host</c>.</summary>
    public string Name { get; set; } = "host";

    /// <summary>Seconds between samples. Default 10.</summary>
    public double IntervalSeconds { get; set; } = 10;

    /// <summary>
    /// Whether to sample, besides the host, the CPU and RSS of each process that has one of the
    /// file sources' files open (the processes the sidecar ships for). Default true.
    /// </summary>
    public bool Processes { get; set; } = true;

    /// <summary>Constant fields added to every record. Default none (<c>host</c> is always the machine name unless given here).</summary>
    public Dictionary<string, string> Fields { get; set; } = [];
}
