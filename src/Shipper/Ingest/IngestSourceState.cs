namespace WideEvents.Shipper.Ingest;

/// <summary>What the Ingest service knows of one source: how far it has queued, and the durability of that.</summary>
internal sealed class IngestSourceState
{
    /// <summary>Held while one batch of the source is checked and queued, so concurrent streams of one source cannot interleave.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>Highest sequence queued to the buffer (or quarantined) so far.</summary>
    public ulong Through { get; set; }

    /// <summary>Completes when everything up to <see cref="Through"/> is durable.</summary>
    public Task Durable { get; set; } = Task.CompletedTask;
}
