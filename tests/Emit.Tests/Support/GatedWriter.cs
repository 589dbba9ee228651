using System.Text;
using System.Text.Json.Nodes;

namespace WideEvents.Emit.Tests.Support;

/// <summary>A writer that holds every batch until the test opens the gate, then keeps the records.</summary>
public sealed class GatedWriter : IRecordWriter
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<JsonObject> _records = [];

    public List<JsonObject> Records
    {
        get
        {
            lock (_records)
            {
                return [.. _records];
            }
        }
    }

    public void Open() => _gate.TrySetResult();

    public async ValueTask WriteAsync(RecordBatch batch, CancellationToken cancellationToken)
    {
        await _gate.Task.WaitAsync(cancellationToken);
        lock (_records)
        {
            foreach (var record in batch.Records)
            {
                _records.Add(Support.Records.Parse(Encoding.UTF8.GetString(record.Span)));
            }
        }
    }

    public ValueTask FlushAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
