// Sends RECORDS records to a collector over OTLP/gRPC logs or over our own Ingest.Push, as fast
// as the collector acknowledges them, and prints the wall seconds. The records are the same
// fields either way: what the OTLP mapping stores for a log record is what Push sends as a line.
//
//   WideEvents.Otlp.Benchmark otlp|push PORT RECORDS [PER_REQUEST=1000] [IN_FLIGHT=4]
using System.Diagnostics;
using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Logs.V1;
using OpenTelemetry.Proto.Resource.V1;
using WideEvents.Contracts.V1;

string mode = args[0];
int port = int.Parse(args[1]);
int records = int.Parse(args[2]);
int perRequest = args.Length > 3 ? int.Parse(args[3]) : 1000;
int inFlight = args.Length > 4 ? int.Parse(args[4]) : 4;
using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
var clock = Stopwatch.StartNew();
if (mode == "otlp")
{
    var client = new LogsService.LogsServiceClient(channel);
    var requests = Enumerable.Range(0, (records + perRequest - 1) / perRequest).Select(i => OtlpRequest(i * perRequest, Math.Min(perRequest, records - i * perRequest)));
    await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = inFlight }, async (request, ct) =>
    {
        ExportLogsServiceResponse response = await client.ExportAsync(request, cancellationToken: ct);
        if (response.PartialSuccess?.RejectedLogRecords > 0)
        {
            throw new InvalidOperationException(response.PartialSuccess.ErrorMessage);
        }
    });
}
else
{
    var client = new Ingest.IngestClient(channel);
    using AsyncDuplexStreamingCall<RecordBatch, Ack> call = client.Push();
    Task<ulong> acknowledged = Task.Run(async () =>
    {
        ulong through = 0;
        while (through < (ulong)records && await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            through = call.ResponseStream.Current.DurableThrough;
        }

        return through;
    });
    for (int first = 0; first < records; first += perRequest)
    {
        await call.RequestStream.WriteAsync(PushBatch(first, Math.Min(perRequest, records - first)));
    }

    await call.RequestStream.CompleteAsync();
    if (await acknowledged != (ulong)records)
    {
        throw new InvalidOperationException("not every record was acknowledged");
    }
}

Console.WriteLine($"{mode} {records} records in {clock.Elapsed.TotalSeconds:F3} s");

static ExportLogsServiceRequest OtlpRequest(int first, int count)
{
    var scope = new ScopeLogs { Scope = new InstrumentationScope { Name = "TaskFarm.Interchange" } };
    ulong start = (ulong)(DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
    for (int i = first; i < first + count; i++)
    {
        scope.LogRecords.Add(new LogRecord
        {
            TimeUnixNano = start + (ulong)i,
            SeverityNumber = SeverityNumber.Info,
            Body = new AnyValue { StringValue = "Task {task_id} try {try_id}: changing state from {from_state} to {to_state}" },
            Attributes =
            {
                new KeyValue { Key = "task_id", Value = new AnyValue { IntValue = i } },
                new KeyValue { Key = "try_id", Value = new AnyValue { IntValue = 0 } },
                new KeyValue { Key = "from_state", Value = new AnyValue { StringValue = "pending" } },
                new KeyValue { Key = "to_state", Value = new AnyValue { StringValue = "launched" } },
                new KeyValue { Key = "run_id", Value = new AnyValue { StringValue = "01a23c58-c097-7e2a-870b-5bb36ba42cdc" } },
            },
        });
    }

    var resource = new Resource { Attributes = { new KeyValue { Key = "service.name", Value = new AnyValue { StringValue = "bench" } } } };
    return new ExportLogsServiceRequest { ResourceLogs = { new ResourceLogs { Resource = resource, ScopeLogs = { scope } } } };
}

static RecordBatch PushBatch(int first, int count)
{
    var lines = new StringBuilder();
    DateTime start = DateTime.UtcNow;
    for (int i = first; i < first + count; i++)
    {
        lines.Append("{\"@t\":\"").Append(start.AddTicks(i).ToString("O")).Append("\",\"@mt\":\"Task {task_id} try {try_id}: changing state from {from_state} to {to_state}\",\"task_id\":")
            .Append(i).Append(",\"try_id\":0,\"from_state\":\"pending\",\"to_state\":\"launched\",\"run_id\":\"01a23c58-c097-7e2a-870b-5bb36ba42cdc\",\"category\":\"TaskFarm.Interchange\",\"service.name\":\"bench\"}\n");
    }

    return new RecordBatch { SourceId = "bench-push", FirstSequence = (ulong)first + 1, Lines = ByteString.CopyFromUtf8(lines.ToString()) };
}
