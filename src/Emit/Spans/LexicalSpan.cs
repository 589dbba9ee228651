using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using WideEvents.Emit.Spans;

namespace WideEvents.Emit;

/// <summary>
/// A named stretch of code, written as a <c>start</c> and an <c>end</c> record with the same
/// <c>span_id</c>. Records written inside it (on its async flow) carry its <c>span_id</c>; spans
/// begun inside it name it as <c>span_parent</c>. Dispose it to end it: the end record carries
/// <c>duration_s</c> and <c>outcome</c>.
/// </summary>
public sealed class LexicalSpan : IDisposable
{
    private static readonly AsyncLocal<LexicalSpan?> CurrentSpan = new();

    private readonly ILogger _logger;
    private readonly LexicalSpan? _parent;
    private readonly long _startTimestamp;
    private readonly Guid _id;
    private string? _idText;
    private Exception? _thrown;
    private string? _declared;
    private int _ended;

    internal LexicalSpan(ILogger logger, string name)
    {
        _logger = logger;
        Name = name;
        _id = Uuid7.Create();
        _parent = CurrentSpan.Value;
        _startTimestamp = Stopwatch.GetTimestamp();
        SpanExceptionTracker.EnsureInstalled();
        CurrentSpan.Value = this;
        SpanLog.Start(_logger, Name, _id, _parent?._id);
    }

    /// <summary>The span open on the current async flow, if any.</summary>
    public static LexicalSpan? Current => CurrentSpan.Value;

    /// <summary>The span's UUIDv7, as written in <c>span_id</c>.</summary>
    // Records write the Guid itself; the text is made only for code that asks for it.
    public string Id => _idText ??= _id.ToString("D");

    /// <summary>The span's UUIDv7.</summary>
    internal Guid Guid => _id;

    /// <summary>The logger the span writes through (a bound one carries its object's identity).</summary>
    internal ILogger Logger => _logger;

    /// <summary>The name the span was begun with.</summary>
    public string Name { get; }

    /// <summary>The enclosing span's id, or <see langword="null"/> at the top.</summary>
    public string? ParentId => _parent?.Id;

    /// <summary>
    /// Ties this span to an identity learned late (a message decoded before its task id is
    /// known): writes one record carrying both <c>span_id</c> and the given fields, so analysis
    /// can carry the identity back to every record of the span.
    /// </summary>
    public void Tie(IEnumerable<KeyValuePair<string, object?>> identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        SpanLog.Tied(_logger.Bind([.. identity, new(RecordFields.SpanId, _id)]), Name);
    }

    /// <summary>Ties this span to one identity field; see <see cref="Tie(IEnumerable{KeyValuePair{string, object?}})"/>.</summary>
    public void Tie(string key, object? value) => Tie([new KeyValuePair<string, object?>(key, value)]);

    /// <summary>
    /// Marks the span as failed with <paramref name="exception"/>, for code that catches an
    /// exception inside the span and does not rethrow it.
    /// </summary>
    public void Fail(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        _declared = exception.GetType().Name;
    }

    /// <summary>Marks the span as ended well even if an exception leaves it.</summary>
    public void Succeed() => _declared = "ok";

    internal void NoteThrown(Exception exception) => _thrown = exception;

    /// <summary>Writes the end record and makes the parent span current again.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0)
        {
            return;
        }

        var seconds = Stopwatch.GetElapsedTime(_startTimestamp).TotalSeconds;

        // Dispose runs in the using block's finally: the runtime says whether an exception is
        // unwinding through it right now, so an exception thrown and caught inside the span
        // leaves it "ok". The first-chance note only supplies the escaping exception's type.
        var escaping = Marshal.GetExceptionPointers() != IntPtr.Zero;
        var outcome = _declared ?? (escaping ? _thrown?.GetType().Name ?? nameof(Exception) : "ok");
        SpanLog.End(_logger, Name, _id, _parent?._id, seconds, outcome);
        if (escaping && _parent is not null)
        {
            _parent._thrown ??= _thrown;
        }

        if (ReferenceEquals(CurrentSpan.Value, this))
        {
            CurrentSpan.Value = _parent;
        }
    }
}
