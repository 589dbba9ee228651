using System.Collections.Concurrent;

namespace WideEvents.Shipper.Ingest;

/// <summary>
/// De-duplication at the Ingest service by (source_id, sequence): a record at or below what a
/// source has already queued is dropped. The state lives in memory; after a restart duplicates
/// may pass into the buffer, and the store's persisted high-water marks remove them.
/// </summary>
internal sealed class IngestDeduplicator
{
    private readonly ConcurrentDictionary<string, IngestSourceState> _sources = new(StringComparer.Ordinal);

    public IngestSourceState For(string sourceId) => _sources.GetOrAdd(sourceId, _ => new IngestSourceState());
}
