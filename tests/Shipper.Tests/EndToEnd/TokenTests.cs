using Grpc.Core;
using Grpc.Net.Client;
using WideEvents.Contracts.V1;
using WideEvents.Shipper.Tests.Support;

namespace WideEvents.Shipper.Tests.EndToEnd;

public sealed class TokenTests
{
    [Fact]
    public async Task A_missing_or_wrong_token_is_refused_with_PermissionDenied_and_logged_and_the_right_one_is_accepted()
    {
        using var pair = new ShipperPair(token: "s3cret-token");
        pair.StartCollector();
        using GrpcChannel channel = IngestClientFactory.Channel(pair.Port);
        var ingest = new Contracts.V1.Ingest.IngestClient(channel);
        await IngestClientFactory.WaitUntilServingAsync(ingest, IngestClientFactory.Bearer("s3cret-token"));

        Assert.Equal(StatusCode.PermissionDenied, await PushStatusAsync(ingest, []));
        Assert.Equal(StatusCode.PermissionDenied, await PushStatusAsync(ingest, IngestClientFactory.Bearer("s3cret-tokem")));

        var tail = new Contracts.V1.Tail.TailClient(channel);
        using AsyncServerStreamingCall<TailRecord> subscription = tail.Subscribe(new TailRequest(), deadline: DateTime.UtcNow.AddSeconds(10));
        RpcException tailRefused = await Assert.ThrowsAsync<RpcException>(() => subscription.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.PermissionDenied, tailRefused.StatusCode);

        Assert.Equal(StatusCode.PermissionDenied, await PushStatusAsync(ingest, new Metadata { { "authorization", "s3cret-token" } }));
        List<Ack> acks = await IngestClientFactory.PushAsync(ingest, new Metadata { { "authorization", "bearer s3cret-token" } }, IngestClientFactory.Batch("src", 1, "{\"a\":1}"));
        Assert.Equal(1UL, Assert.Single(acks).DurableThrough);
        await Eventually.HoldsAsync(() => pair.Collector!.Log.Contains("wrong token", StringComparison.Ordinal) && pair.Collector.Log.Contains("no token", StringComparison.Ordinal), TimeSpan.FromSeconds(10), pair.Logs);
    }

    /// <summary>The status a Push call ends with; read from the response so a refused request write cannot race it.</summary>
    private static async Task<StatusCode> PushStatusAsync(Contracts.V1.Ingest.IngestClient ingest, Metadata headers)
    {
        using AsyncDuplexStreamingCall<RecordBatch, Ack> call = ingest.Push(headers, deadline: DateTime.UtcNow.AddSeconds(20));
        RpcException refused = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());
        return refused.StatusCode;
    }

    [Fact]
    public async Task A_sidecar_with_the_wrong_token_keeps_retrying_and_ships_nothing()
    {
        using var pair = new ShipperPair(token: "right");
        File.WriteAllText(Path.Combine(pair.Root, "wrong-token"), "wrong");
        pair.StartCollector();
        RecordWriter.Append(Path.Combine(pair.InputDirectory, "app.jsonl"), 1, 10);
        using ShipperProcess sidecar = ShipperProcess.Start(pair.SidecarConfig, "--Sinks:Grpc:0:Token:TokenFile=wrong-token");
        await Eventually.HoldsAsync(() => sidecar.Log.Contains("refused our token", StringComparison.Ordinal), TimeSpan.FromSeconds(30), () => sidecar.Log + pair.Logs());
        Assert.Equal(0UL, pair.StoredThrough());
    }

    [Theory]
    [InlineData("unset variable", "\"TokenEnvironmentVariable\": \"WIDE_TEST_TOKEN_THAT_IS_NOT_SET\"", "which is not set")]
    [InlineData("empty file", "\"TokenFile\": \"empty-token\"", "is empty")]
    [InlineData("missing file", "\"TokenFile\": \"no-such-token\"", "cannot be read")]
    public async Task A_configured_token_source_that_yields_no_token_is_a_configuration_error_with_exit_code_2(string fault, string source, string problem)
    {
        using var directory = new TempDirectory();
        File.WriteAllText(directory.Combine("empty-token"), "  \n");
        string config = directory.Combine("c.json");
        File.WriteAllText(config, $$"""{ "DataDirectory": "data", "Security": { {{source}} }, "Sinks": { "Grpc": [ { "Address": "http://127.0.0.1:1", "Token": { {{source}} } } ] } }""");

        using ShipperProcess process = ShipperProcess.Start(config);

        Assert.True(2 == await process.WaitForExitAsync(TimeSpan.FromSeconds(30)), fault + ": " + process.Log);
        Assert.Contains("Security:" + source.Split('"')[1], process.Log, StringComparison.Ordinal);
        Assert.Contains("gRPC sink 'grpc' Token:", process.Log, StringComparison.Ordinal);
        Assert.Contains(problem, process.Log, StringComparison.Ordinal);
    }
}
