using Grpc.Core;
using Grpc.Net.Client;
using WideEvents.Contracts.V1;
using WideEvents.Shipper.Tests.Support;

namespace WideEvents.Shipper.Tests.EndToEnd;

public sealed class IngestTests
{
    [Fact]
    public async Task Pushed_batches_are_acknowledged_widened_deduplicated_and_streamed_to_tail_subscribers_by_filter()
    {
        using var pair = new ShipperPair(collector: c => c["Grpc"]!["Fields"] = new System.Text.Json.Nodes.JsonObject { ["collector"] = "c1" });
        pair.StartCollector();
        using GrpcChannel channel = IngestClientFactory.Channel(pair.Port);
        var ingest = new Contracts.V1.Ingest.IngestClient(channel);
        await IngestClientFactory.WaitUntilServingAsync(ingest, []);

        var tail = new Contracts.V1.Tail.TailClient(channel);
        var request = new TailRequest();
        request.Filters.Add(new TailFilter { Key = "kind", Equals_ = "b" });
        request.Filters.Add(new TailFilter { Key = "n" });
        using AsyncServerStreamingCall<TailRecord> subscription = tail.Subscribe(request, deadline: DateTime.UtcNow.AddSeconds(30));
        await subscription.ResponseHeadersAsync;

        RecordBatch first = IngestClientFactory.Batch("emitter-1", 1, "{\"kind\":\"a\",\"n\":1}", "{\"kind\":\"b\",\"n\":2}", "{\"kind\":\"b\"}");
        first.Widen.Add("run_dir", "/runs/7");
        first.Widen.Add("kind", "ignored: the record has its own");
        List<Ack> acks = await IngestClientFactory.PushAsync(ingest, [], first);
        Assert.Equal(3UL, acks[^1].DurableThrough);

        // A reconnecting client resends from its last acknowledgement and beyond: only the new record is kept.
        RecordBatch resend = IngestClientFactory.Batch("emitter-1", 2, "{\"kind\":\"b\",\"n\":2}", "{\"kind\":\"b\"}", "{\"kind\":\"b\",\"n\":4}");
        acks = await IngestClientFactory.PushAsync(ingest, [], resend);
        Assert.Equal(4UL, acks[^1].DurableThrough);

        var received = new List<TailRecord>();
        while (received.Count < 2 && await subscription.ResponseStream.MoveNext())
        {
            received.Add(subscription.ResponseStream.Current);
        }

        Assert.Equal([2UL, 4UL], received.Select(r => r.Sequence));
        Assert.Equal("{\"kind\":\"b\",\"n\":2,\"run_dir\":\"/runs/7\",\"collector\":\"c1\"}", received[0].Record.ToStringUtf8());

        Signals.Terminate(pair.Collector!.Id);
        await pair.Collector.WaitForExitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(
            [
                "{\"kind\":\"a\",\"n\":1,\"run_dir\":\"/runs/7\",\"collector\":\"c1\"}",
                "{\"kind\":\"b\",\"n\":2,\"run_dir\":\"/runs/7\",\"collector\":\"c1\"}",
                "{\"kind\":\"b\",\"run_dir\":\"/runs/7\",\"collector\":\"c1\"}",
                "{\"kind\":\"b\",\"n\":4,\"collector\":\"c1\"}",
            ],
            pair.StoredLines());

        // After a restart the store still refuses what it holds.
        pair.StartCollector();
        await IngestClientFactory.WaitUntilServingAsync(ingest, []);
        acks = await IngestClientFactory.PushAsync(ingest, [], IngestClientFactory.Batch("emitter-1", 1, "{\"kind\":\"a\",\"n\":1}", "{\"n\":5}"));
        Assert.Equal(2UL, acks[^1].DurableThrough);
        await Task.Delay(500);
        Signals.Terminate(pair.Collector!.Id);
        await pair.Collector.WaitForExitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(4, pair.StoredLines().Count);
    }

    [Fact]
    public async Task A_batch_of_lines_is_stored_as_sent_and_one_bad_line_in_it_is_quarantined_without_losing_the_others()
    {
        using var pair = new ShipperPair();
        pair.StartCollector();
        using GrpcChannel channel = IngestClientFactory.Channel(pair.Port);
        var ingest = new Contracts.V1.Ingest.IngestClient(channel);
        await IngestClientFactory.WaitUntilServingAsync(ingest, []);
        RecordBatch Lines(ulong first, string lines) => new() { SourceId = "shipper-run", FirstSequence = first, Lines = Google.Protobuf.ByteString.CopyFromUtf8(lines) };

        List<Ack> acks = await IngestClientFactory.PushAsync(ingest, [], Lines(1, "{\"n\":1}\n{\"n\":2}\n"));
        Assert.Equal(2UL, acks[^1].DurableThrough);
        acks = await IngestClientFactory.PushAsync(ingest, [], Lines(2, "{\"n\":2}\nnot json\n {\"n\":4} \n"));
        Assert.Equal(4UL, acks[^1].DurableThrough);
        await Assert.ThrowsAsync<RpcException>(() => IngestClientFactory.PushAsync(ingest, [], Lines(5, "{\"n\":5}")));

        Signals.Terminate(pair.Collector!.Id);
        await pair.Collector.WaitForExitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(["{\"n\":1}", "{\"n\":2}", "{\"n\":4}"], pair.StoredLines());
        string quarantine = File.ReadAllText(Path.Combine(pair.Root, "collector-data", "quarantine.jsonl"));
        Assert.Contains("\"reason\":\"not_json_object\"", quarantine, StringComparison.Ordinal);
        Assert.Contains("\"offset\":3", quarantine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_whose_sequence_jumps_past_the_window_is_refused_unacknowledged_and_the_records_after_it_are_kept()
    {
        using var pair = new ShipperPair();
        pair.StartCollector();
        using GrpcChannel channel = IngestClientFactory.Channel(pair.Port);
        var ingest = new Contracts.V1.Ingest.IngestClient(channel);
        await IngestClientFactory.WaitUntilServingAsync(ingest, []);

        string[] Records(int from) => [.. Enumerable.Range(from, 10).Select(i => $"{{\"n\":{i}}}")];
        List<Ack> acks = await IngestClientFactory.PushAsync(ingest, [], IngestClientFactory.Batch("jumpy", 1, Records(1)));
        Assert.Equal(10UL, acks[^1].DurableThrough);

        RpcException refused = await Assert.ThrowsAsync<RpcException>(() => IngestClientFactory.PushAsync(ingest, [], IngestClientFactory.Batch("jumpy", 1_000_000_000_000, "{\"n\":0}")));
        Assert.Equal(StatusCode.OutOfRange, refused.StatusCode);

        acks = await IngestClientFactory.PushAsync(ingest, [], IngestClientFactory.Batch("jumpy", 11, Records(11)));
        Assert.Equal(20UL, acks[^1].DurableThrough);
        await Eventually.HoldsAsync(() => pair.StoredThrough() >= 20, TimeSpan.FromSeconds(20), pair.Logs);
        Signals.Terminate(pair.Collector!.Id);
        await pair.Collector.WaitForExitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal([.. Records(1), .. Records(11)], pair.StoredLines());
        Assert.Contains("Refused a batch of source jumpy", pair.Collector.Log, StringComparison.Ordinal);
    }
}
