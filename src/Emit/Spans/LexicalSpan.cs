using System.Diagnostics;
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
    private Exception? _escaping;
    private int _ended;

    internal LexicalSpan(ILogger logger, string name)
    {
        _logger = logger;
        Name = name;
        Id = ObjectIdentity.NewId();
        _parent = CurrentSpan.Value;
        _startTimestamp = Stopwatch.GetTimestamp();
        SpanExceptionTracker.EnsureInstalled();
        CurrentSpan.Value = this;
        SpanLog.Start(_logger, Name, Id, _parent?.Id);
    }

    /// <summary>The span open on the current async flow, if any.</summary>
    public static LexicalSpan? Current => CurrentSpan.Value;

    /// <summary>The span's UUIDv7, as written in <c>span_id</c>.</summary>
    public string Id { get; }

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
        _logger.Bind([.. identity, new(RecordFields.SpanId, Id)]).LogInformation("Span {span_name} is tied to its identity", Name);
    }

    /// <summary>Ties this span to one identity field; see <see cref="Tie(IEnumerable{KeyValuePair{string, object?}})"/>.</summary>
    public void Tie(string key, object? value) => Tie([new KeyValuePair<string, object?>(key, value)]);

    /// <summary>
    /// Marks the span as failed with <paramref name="exception"/>, for code that catches an
    /// exception inside the span and does not rethrow it.
    /// </summary>
    public void Fail(Exception exception) => _escaping = exception;

    /// <summary>Marks the span as ended well even if an exception was thrown inside it and handled.</summary>
    public void Succeed() => _escaping = null;

    internal void NoteThrown(Exception exception) => _escaping = exception;

    /// <summary>Writes the end record and makes the parent span current again.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0)
        {
            return;
        }

        var seconds = Stopwatch.GetElapsedTime(_startTimestamp).TotalSeconds;
        var outcome = _escaping is null ? "ok" : _escaping.GetType().Name;
        SpanLog.End(_logger, Name, Id, _parent?.Id, seconds, outcome);
        if (_escaping is not null && _parent is not null)
        {
            // With no catch in between, the exception leaves the parent too; a parent that
            // handles it can say so with Succeed().
            _parent._escaping ??= _escaping;
        }

        if (ReferenceEquals(CurrentSpan.Value, this))
        {
            CurrentSpan.Value = _parent;
        }
    }
}
