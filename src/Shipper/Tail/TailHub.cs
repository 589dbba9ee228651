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

    /// <summary>Offers each record of <paramref name="runs"/> to the subscribers it matches; costs nothing per record when there is none.</summary>
    public void Publish(IReadOnlyList<RecordRun> runs)
    {
        if (_subscriptions.IsEmpty)
        {
            return;
        }

        foreach (RecordRun run in runs)
        {
            ulong sequence = run.FirstSequence;
            foreach (ReadOnlySpan<byte> json in run.Records())
            {
                TailRecord? message = null;
                foreach (TailSubscription subscription in _subscriptions.Keys)
                {
                    if (TailFilterMatcher.Matches(json, subscription.Filters))
                    {
                        message ??= new TailRecord { SourceId = run.SourceId, Sequence = sequence, Record = ByteString.CopyFrom(json) };
                        subscription.Offer(message);
                    }
                }

                sequence++;
            }
        }
    }
}
