using WideEvents.Contracts.V1;
using WideEvents.Shipper.Buffer;
using WideEvents.Shipper.Records;
using WideEvents.Shipper.Sinks;
using WideEvents.Shipper.Tests.Support;

namespace WideEvents.Shipper.Tests.Sinks;

public sealed class PendingDeliveryTests
{
    private static BufferedRun At(string source, ulong sequence, long position, int count = 1) =>
        new(RecordRuns.Of(source, sequence, [.. Enumerable.Repeat("{}", count)]), new BufferPosition(1, position));

    private static int CountOf(RecordBatch batch) => batch.Lines.Span.Count((byte)'\n');

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
    public void Consecutive_runs_of_one_source_travel_as_one_message_within_the_limits()
    {
        var delivery = new PendingDelivery([At("a", 1, 1, count: 2), At("a", 3, 2, count: 2), At("a", 5, 3), At("b", 1, 4), At("a", 6, 5)]);

        Assert.Equal([("a", 1UL, 5), ("b", 1UL, 1), ("a", 6UL, 1)], delivery.Batches(100, 1 << 20).Select(b => (b.SourceId, b.FirstSequence, CountOf(b))));
        Assert.Equal([("a", 1UL, 4), ("a", 5UL, 1), ("b", 1UL, 1), ("a", 6UL, 1)], delivery.Batches(4, 1 << 20).Select(b => (b.SourceId, b.FirstSequence, CountOf(b))));
        Assert.Equal("{}\n{}\n{}\n{}\n{}\n", System.Text.Encoding.UTF8.GetString(delivery.Batches(100, 1 << 20)[0].Lines.Span));
    }

    [Fact]
    public void A_run_is_split_to_stay_within_the_byte_and_record_limits()
    {
        var delivery = new PendingDelivery([At("a", 1, 1, count: 5)]);
        Assert.Equal([(1UL, 2), (3UL, 2), (5UL, 1)], delivery.Batches(100, 6).Select(b => (b.FirstSequence, CountOf(b))));
        Assert.Equal([(1UL, 3), (4UL, 2)], delivery.Batches(3, 1 << 20).Select(b => (b.FirstSequence, CountOf(b))));
        Assert.All(delivery.Batches(100, 6), b => Assert.Empty(b.Records));
    }

    [Fact]
    public void A_batch_carries_a_run_and_a_retry_resends_only_the_unacknowledged_records_of_a_partly_acknowledged_run()
    {
        var delivery = new PendingDelivery([At("a", 1, 1, count: 2), At("b", 5, 4), At("a", 3, 5, count: 3)]);
        Assert.Equal([("a", 1UL, 2), ("b", 5UL, 1), ("a", 3UL, 3)], delivery.Batches(100, 1 << 20).Select(b => (b.SourceId, b.FirstSequence, CountOf(b))));

        delivery.Acknowledge(new Ack { SourceId = "a", DurableThrough = 3 });
        Assert.Equal([("b", 5UL, 1), ("a", 4UL, 2)], delivery.Batches(100, 1 << 20).Select(b => (b.SourceId, b.FirstSequence, CountOf(b))));
    }
}
