using System.Text.Json;
using System.Text.Json.Nodes;
using Grpc.Core;
using Grpc.Net.Client;
using WideEvents.Contracts.V1;
using WideEvents.Shipper.Tests.Support;

namespace WideEvents.Shipper.Tests.EndToEnd;

public sealed class UserStampTests
{
    [Fact]
    public async Task The_collector_stamps_the_user_behind_each_token_and_keeps_a_records_own_claim_apart()
    {
        using var pair = new ShipperPair(
            collector: c => c["Grpc"]!["UsersFile"] = "users",
            sidecar: s => s["Sinks"]!["Grpc"]![0]!["Token"] = new JsonObject { ["TokenFile"] = "bob-token" });
        File.WriteAllText(Path.Combine(pair.Root, "users"), "# user token\nalice a1ice-t0ken\nbob   b0b-t0ken\n");
        File.WriteAllText(Path.Combine(pair.Root, "bob-token"), "b0b-t0ken\n");
        pair.StartCollector();
        using GrpcChannel channel = IngestClientFactory.Channel(pair.Port);
        var ingest = new Contracts.V1.Ingest.IngestClient(channel);
        await IngestClientFactory.WaitUntilServingAsync(ingest, IngestClientFactory.Bearer("a1ice-t0ken"));

        // Alice sends two records; the second says it is bob's.
        await IngestClientFactory.PushAsync(ingest, IngestClientFactory.Bearer("a1ice-t0ken"), IngestClientFactory.Batch("alice-src", 1,
            "{\"@t\":\"2026-01-01T00:00:00Z\",\"run_id\":\"r-a\",\"i\":1}",
            "{\"@t\":\"2026-01-01T00:00:01Z\",\"run_id\":\"r-a\",\"i\":2,\"user\":\"bob\"}"));
        // Bob's sidecar ships a file with his token.
        File.WriteAllText(Path.Combine(pair.InputDirectory, "bob.jsonl"), "{\"@t\":\"2026-01-02T00:00:00Z\",\"run_id\":\"r-b\",\"i\":3}\n");
        pair.StartSidecar();
        await Eventually.HoldsAsync(() => pair.StoredThrough() >= 3, TimeSpan.FromSeconds(60), pair.Logs);

        // A token in no line is refused: the users file switches authentication on.
        using AsyncDuplexStreamingCall<RecordBatch, Ack> refused = ingest.Push(IngestClientFactory.Bearer("mallory"), deadline: DateTime.UtcNow.AddSeconds(20));
        Assert.Equal(StatusCode.PermissionDenied, (await Assert.ThrowsAsync<RpcException>(() => refused.ResponseStream.MoveNext())).StatusCode);

        var stored = pair.StoredLines().Select(l => JsonDocument.Parse(l).RootElement).ToDictionary(r => r.GetProperty("i").GetInt32());
        Assert.Equal("alice", stored[1].GetProperty("user").GetString());
        Assert.Equal("alice", stored[2].GetProperty("user").GetString());
        Assert.Equal("bob", stored[2].GetProperty("claimed_user").GetString());
        Assert.Equal("bob", stored[3].GetProperty("user").GetString());
        Assert.Equal("test-host", stored[3].GetProperty("host").GetString());
        Assert.False(stored[1].TryGetProperty("claimed_user", out _));
        // One user key per record, not a second one beside the claim.
        Assert.All(pair.StoredLines(), l => Assert.Equal(1, l.Split("\"user\":").Length - 1));
    }

    [Fact]
    public async Task A_users_file_with_a_malformed_line_or_a_shared_token_stops_the_collector_at_start()
    {
        using var pair = new ShipperPair(collector: c => c["Grpc"]!["UsersFile"] = "users");
        File.WriteAllText(Path.Combine(pair.Root, "users"), "alice same\nbob same\ncarol\n");
        pair.StartCollector();
        // Waiting for the exit itself (not polling HasExited) also waits until its standard error has been read whole.
        Assert.NotEqual(0, await pair.Collector!.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("line 2: this token is already another line's", pair.Collector!.Log, StringComparison.Ordinal);
        Assert.Contains("line 3: expected 'USER TOKEN'", pair.Collector.Log, StringComparison.Ordinal);
    }
}
