using System.Text;
using WideEvents.Contracts.V1;
using WideEvents.Shipper.Buffer;
using WideEvents.Shipper.Records;
using WideEvents.Shipper.Sinks;

namespace WideEvents.Shipper.Tests.Sinks;

public sealed class PendingDeliveryTests
{
    private static BufferedRecord At(string source, ulong sequence, long position) =>
        new(new SourcedRecord(source, sequence, Encoding.UTF8.GetBytes("{}")), new BufferPosition(1, position));

    [Fact]
    public void The_commit_position_is_the_end_of_the_longest_acknowledged_prefix_across_interleaved_sources()
    {
        var delivery = new PendingDelivery([At("a", 1, 10), At("b", 1, 20), At("a", 2, 30), At("b", 2, 40)]);

        Assert.Null(delivery.Acknowledge(new Ack { SourceId = "b", DurableThrough = 2 }));
        var progress = delivery.Acknowledge(new Ack { SourceId = "a", DurableThrough = 1 });
        Assert.Equal(new BufferPosition(1, 20), progress!.Value.Position);
        Assert.Equal(2, progress.Value.Records);
        Assert.False(delivery.Complete);
        Assert.Equal(new BufferPosition(1, 40), delivery.Acknowledge(new Ack { SourceId = "a", DurableThrough = 2 })!.Value.Position);
        Assert.True(delivery.Complete);
    }

    [Fact]
    public void Batches_are_split_to_stay_within_the_byte_limit()
    {
        var delivery = new PendingDelivery([At("a", 1, 1), At("a", 2, 2), At("a", 3, 3), At("a", 4, 4), At("a", 5, 5)]);
        Assert.Equal([(1UL, 2), (3UL, 2), (5UL, 1)], delivery.Batches(100, 5).Select(b => (b.FirstSequence, b.Records.Count)));
    }

    [Fact]
    public void Batches_hold_runs_of_consecutive_sequences_and_a_retry_resends_only_the_unacknowledged()
    {
        var delivery = new PendingDelivery([At("a", 1, 1), At("a", 2, 2), At("a", 1, 3), At("b", 5, 4), At("a", 3, 5)]);
        Assert.Equal([("a", 1UL, 2), ("a", 1UL, 1), ("b", 5UL, 1), ("a", 3UL, 1)], delivery.Batches(100, 1 << 20).Select(b => (b.SourceId, b.FirstSequence, b.Records.Count)));

        delivery.Acknowledge(new Ack { SourceId = "a", DurableThrough = 2 });
        Assert.Equal([("b", 5UL, 1), ("a", 3UL, 1)], delivery.Batches(100, 1 << 20).Select(b => (b.SourceId, b.FirstSequence, b.Records.Count)));
    }
}
