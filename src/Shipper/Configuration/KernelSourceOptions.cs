namespace WideEvents.Shipper.Configuration;

/// <summary>Ships kernel messages from <c>/dev/kmsg</c>, OOM-killer kills as records with the killed pid (<c>Sources:Kernel</c>; absent means none).</summary>
internal sealed class KernelSourceOptions
{
    /// <summary>Name of this source; names its state file <c>kernel.NAME.json</c>. Default <c>kernel</c>.</summary>
    public string Name { get; set; } = "kernel";

    /// <summary>The kernel log device. Default <c>/dev/kmsg</c>.</summary>
    public string Path { get; set; } = "/dev/kmsg";

    /// <summary>Ship only OOM-killer records, not every kernel message. Default false.</summary>
    public bool OomKillsOnly { get; set; }

    /// <summary>How often to look for new messages, in milliseconds. Default 500.</summary>
    public int PollMilliseconds { get; set; } = 500;

    /// <summary>Constant fields added to every record. Default none (<c>host</c> is always the machine name unless given here).</summary>
    public Dictionary<string, string> Fields { get; set; } = [];
}
