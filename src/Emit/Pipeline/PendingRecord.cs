using System.Runtime.CompilerServices;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using WideEvents.Emit.Binding;
using WideEvents.Emit.Formatting;

namespace WideEvents.Emit.Pipeline;

/// <summary>
/// One logging call, captured on the calling thread and formatted later on the pipeline's own
/// thread: everything that belongs to the moment of the call (time, thread, span, bound fields,
/// scopes, activity) is taken now; the state is kept as it is, a struct copied without boxing.
/// </summary>
/// <remarks>
/// Formatting later means an argument that is a mutable object is rendered as it is when the
/// pipeline gets to it (within milliseconds), as in ZLogger; numbers, strings and other values
/// are copied at the call.
/// </remarks>
internal abstract class PendingRecord
{
    public DateTime Timestamp;
    public LogLevel Level;
    public EventId EventId;
    public JsonEncodedText Category;
    public Exception? Exception;
    public BoundFields? Bound;
    public LexicalSpan? Span;
    public object?[]? Scopes;
    public int ThreadId;
    public ActivityTraceId TraceId;
    public ActivitySpanId ActivitySpanId;
    public bool HasActivity;

    /// <summary>Writes the head of the record and the state's own properties.</summary>
    public abstract void WriteState(RecordFormatter formatter, RecordFormatter.FormatterState s);

    /// <summary>Gives the object back for reuse; the record must not be touched after.</summary>
    public abstract void Return();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected void Capture(DateTime timestamp, LogLevel level, EventId eventId, JsonEncodedText category, Exception? exception, object?[]? scopes)
    {
        Timestamp = timestamp;
        Level = level;
        EventId = eventId;
        Category = category;
        Exception = exception;
        Bound = BoundFields.Current;
        Span = LexicalSpan.Current;
        Scopes = scopes;
        ThreadId = Environment.CurrentManagedThreadId;
        var activity = Activity.Current;
        HasActivity = activity is not null && activity.IdFormat == ActivityIdFormat.W3C;
        if (HasActivity)
        {
            TraceId = activity!.TraceId;
            ActivitySpanId = activity.SpanId;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected void Clear()
    {
        Exception = null;
        Bound = null;
        Span = null;
        Scopes = null;
    }
}

/// <summary>A captured call with its state of type <typeparamref name="TState"/>; instances are pooled per state type.</summary>
internal sealed class PendingRecord<TState> : PendingRecord
{
    // As many as the pipeline's queue holds by default: a burst that fills the queue is reused
    // rather than allocated again; the pool only grows to what was in flight at once.
    private const int MaxPooled = 65_536;
    private static readonly ConcurrentQueue<PendingRecord<TState>> Pool = new();
    private static int s_pooled;

    private TState _state = default!;
    private Func<TState, Exception?, string> _formatter = null!;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static PendingRecord<TState> Rent(DateTime timestamp, LogLevel level, EventId eventId, JsonEncodedText category, TState state, Exception? exception, Func<TState, Exception?, string> formatter, object?[]? scopes)
    {
        if (Pool.TryDequeue(out var record))
        {
            Interlocked.Decrement(ref s_pooled);
        }
        else
        {
            record = new PendingRecord<TState>();
        }

        record.Capture(timestamp, level, eventId, category, exception, scopes);
        record._state = state;
        record._formatter = formatter;
        return record;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void WriteState(RecordFormatter formatter, RecordFormatter.FormatterState s) =>
        formatter.WriteState(s, this, _state, _formatter);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Return()
    {
        Clear();
        _state = default!;
        _formatter = null!;
        if (Interlocked.Increment(ref s_pooled) <= MaxPooled)
        {
            Pool.Enqueue(this);
        }
        else
        {
            Interlocked.Decrement(ref s_pooled);
        }
    }
}
