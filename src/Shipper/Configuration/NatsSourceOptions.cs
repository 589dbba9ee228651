namespace WideEvents.Shipper.Configuration;

/// <summary>Consume runs from a NATS JetStream stream with a durable pull consumer (<c>Sources:Nats[]</c>).</summary>
internal sealed class NatsSourceOptions : NatsConnectionOptions
{
    /// <summary>Name of this source, for the log. Default <c>nats</c>.</summary>
    public string Name { get; set; } = "nats";

    /// <summary>The stream to consume; it must exist (sidecars create it). Default <c>WIDE</c>.</summary>
    public string Stream { get; set; } = "WIDE";

    /// <summary>Durable consumer name: collectors sharing it share the work; each shard needs its own. Default <c>wide-collector</c>.</summary>
    public string Durable { get; set; } = "wide-collector";

    /// <summary>Only messages on subjects matching this (NATS wildcards, e.g. <c>wide.records.rack1.&gt;</c>). Default all of the stream.</summary>
    public string? FilterSubject { get; set; }

    /// <summary>Most messages delivered and not yet acknowledged. Default 256.</summary>
    public int MaxAckPending { get; set; } = 256;

    /// <summary>Seconds after which a delivered, unacknowledged message is delivered again. Default 60.</summary>
    public double AckWaitSeconds { get; set; } = 60;
}
