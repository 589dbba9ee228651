namespace WideEvents.Shipper.Configuration;

/// <summary>Publish runs to a NATS JetStream stream (<c>Sinks:Nats[]</c>).</summary>
internal sealed class NatsSinkOptions : NatsConnectionOptions
{
    /// <summary>Name of this sink, unique among all sinks; names its buffer cursor. Default <c>nats</c>.</summary>
    public string Name { get; set; } = "nats";

    /// <summary>The stream; created when absent. Default <c>WIDE</c>.</summary>
    public string Stream { get; set; } = "WIDE";

    /// <summary>Subject published to; <c>{host}</c> is replaced by the machine's name. Default <c>wide.records.{host}</c>.</summary>
    public string Subject { get; set; } = "wide.records.{host}";

    /// <summary>Subjects of the stream when this sink creates it. Default: the subject's tokens before the first placeholder, then <c>&gt;</c> (<c>wide.records.&gt;</c>).</summary>
    public List<string> StreamSubjects { get; set; } = [];

    /// <summary>Replicas of a stream this sink creates (1, 3 or 5). Default 1.</summary>
    public int Replicas { get; set; } = 1;

    /// <summary>De-duplication window of a stream this sink creates, in seconds. Default 120.</summary>
    public double DuplicateWindowSeconds { get; set; } = 120;

    /// <summary>Most bytes a stream this sink creates holds; when full, publishes are refused and retried (back-pressure). Default 1 GiB.</summary>
    public long MaxBytes { get; set; } = 1L << 30;

    /// <summary>Most messages a stream this sink creates holds; -1 for no limit. Default -1.</summary>
    public long MaxMessages { get; set; } = -1;

    /// <summary>Most records in one message. Default 1,000 (messages also stay under 768 KiB, below the server's 1 MiB default payload limit).</summary>
    public int MaxRecordsPerMessage { get; set; } = 1_000;

    /// <summary>Most messages published and not yet acknowledged. Default 64.</summary>
    public int MaxPendingMessages { get; set; } = 64;

    /// <summary>Time allowed for a publish acknowledgement, in seconds. Default 10.</summary>
    public double PublishTimeoutSeconds { get; set; } = 10;

    /// <summary>First retry delay, in seconds; doubled each attempt with full jitter. Default 1.</summary>
    public double RetryBaseDelaySeconds { get; set; } = 1;

    /// <summary>Largest retry delay, in seconds. Default 30. Retries never stop.</summary>
    public double RetryMaxDelaySeconds { get; set; } = 30;
}
