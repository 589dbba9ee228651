using Grpc.Core;
using Grpc.Net.Client;
using WideEvents.Contracts.V1;

namespace WideEvents.Shipper.Tests.Support;

internal static class IngestClientFactory
{
    public static GrpcChannel Channel(int port) => GrpcChannel.ForAddress($"http://127.0.0.1:{port}");

    public static Metadata Bearer(string? token) => token is null ? [] : new Metadata { { "authorization", "Bearer " + token } };

    public static RecordBatch Batch(string sourceId, ulong first, params string[] records)
    {
        var batch = new RecordBatch { SourceId = sourceId, FirstSequence = first };
        foreach (string record in records)
        {
            batch.Records.Add(Google.Protobuf.ByteString.CopyFromUtf8(record));
        }

        return batch;
    }

    /// <summary>Pushes batches on one call and returns every acknowledgement.</summary>
    public static async Task<List<Ack>> PushAsync(Contracts.V1.Ingest.IngestClient client, Metadata headers, params RecordBatch[] batches)
    {
        using AsyncDuplexStreamingCall<RecordBatch, Ack> call = client.Push(headers, deadline: DateTime.UtcNow.AddSeconds(20));
        foreach (RecordBatch batch in batches)
        {
            await call.RequestStream.WriteAsync(batch);
        }

        await call.RequestStream.CompleteAsync();
        var acks = new List<Ack>();
        await foreach (Ack ack in call.ResponseStream.ReadAllAsync())
        {
            acks.Add(ack);
        }

        return acks;
    }

    /// <summary>Waits until the collector answers calls.</summary>
    public static async Task WaitUntilServingAsync(Contracts.V1.Ingest.IngestClient client, Metadata headers)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await PushAsync(client, headers);
                return;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }
}
