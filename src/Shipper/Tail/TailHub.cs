using System.Collections.Concurrent;
using Google.Protobuf;
using WideEvents.Contracts.V1;
using WideEvents.Shipper.Health;
using WideEvents.Shipper.Records;

namespace WideEvents.Shipper.Tail;

/// <summary>Hands records, as a store sink stores them, to the live subscribers whose filters they match.</summary>
internal sealed class TailHub(ShipperMetrics metrics)
{
    private const int QueueCapacity = 10_000;
    private readonly ConcurrentDictionary<TailSubscription, byte> _subscriptions = new();

    public TailSubscription Subscribe(IReadOnlyList<TailFilter> filters)
    {
        var subscription = new TailSubscription(filters, QueueCapacity, metrics.TailDropped);
        _subscriptions[subscription] = 0;
        return subscription;
    }

    public void Unsubscribe(TailSubscription subscription) => _subscriptions.TryRemove(subscription, out _);

    public void Publish(IReadOnlyList<SourcedRecord> records)
    {
        if (_subscriptions.IsEmpty)
        {
            return;
        }

        foreach (SourcedRecord record in records)
        {
            TailRecord? message = null;
            foreach (TailSubscription subscription in _subscriptions.Keys)
            {
                if (TailFilterMatcher.Matches(record.Json.Span, subscription.Filters))
                {
                    message ??= new TailRecord { SourceId = record.SourceId, Sequence = record.Sequence, Record = ByteString.CopyFrom(record.Json.Span) };
                    subscription.Offer(message);
                }
            }
        }
    }
}
