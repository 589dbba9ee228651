namespace WideEvents.Shipper.Configuration;

/// <summary>Listen on a unix domain socket for JSON lines.</summary>
internal sealed class UnixSocketSourceOptions
{
    /// <summary>Name of this source. Default <c>socket</c>.</summary>
    public string Name { get; set; } = "socket";

    /// <summary>Path of the socket; created with owner-only permissions (0600). Required.</summary>
    public string Path { get; set; } = "";

    /// <summary>Constant fields added to every record that lacks them. Default none.</summary>
    public Dictionary<string, string> Fields { get; set; } = [];
}
