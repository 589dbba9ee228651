namespace WideEvents.Shipper.Configuration;

/// <summary>Write records to standard output as JSON lines.</summary>
internal sealed class StdoutSinkOptions
{
    /// <summary>Name of this sink, unique among all sinks. Default <c>stdout</c>.</summary>
    public string Name { get; set; } = "stdout";
}
