using System.Threading.Channels;
using WideEvents.Contracts.V1;
using WideEvents.Shipper.Health;

namespace WideEvents.Shipper.Tail;

/// <summary>
/// One live subscriber: its filters and a bounded queue. A subscriber too slow to keep up loses
/// the records that overflow (counted in <see cref="Dropped"/>), rather than slowing the store.
/// </summary>
internal sealed class TailSubscription(IReadOnlyList<TailFilter> filters, int capacity, Counter droppedTotal)
{
    private readonly Counter _dropped = new();

    public IReadOnlyList<TailFilter> Filters { get; } = filters;

    public Channel<TailRecord> Queue { get; } = Channel.CreateBounded<TailRecord>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public long Dropped => _dropped.Value;

    public void Offer(TailRecord record)
    {
        if (!Queue.Writer.TryWrite(record))
        {
            _dropped.Increment();
            droppedTotal.Increment();
        }
    }
}
