using System.Runtime.CompilerServices;
using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WideEvents.Emit.Formatting;
using WideEvents.Emit.Handlers;
using WideEvents.Emit.Pipeline;
using WideEvents.Emit.Spans;

namespace WideEvents.Emit.Logging;

/// <summary>
/// Formats each record once on the calling thread and hands a copy to every handler that wants
/// it. Flushes everything on dispose and when the process exits.
/// </summary>
[ProviderAlias("WideEvents")]
internal sealed class WideEventsLoggerProvider : ILoggerProvider, ISupportExternalScope, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, WideEventsLogger> _loggers = new(StringComparer.Ordinal);
    private readonly RecordHandler[] _handlers;
    private readonly RecordFormatter _formatter;
    private readonly FormattingPipeline? _pipeline;
    private readonly ActivityRecorder? _activities;
    private int _disposed;

    [ThreadStatic]
    private static List<object?>? t_scopes;

    public WideEventsLoggerProvider(IOptions<WideEventsOptions> options, TimeProvider? clock = null)
    {
        var settings = options.Value;
        _formatter = new RecordFormatter(settings, clock);
        _handlers = HandlerFactory.Create(settings, _formatter);

        // With no handler (wide events off) nothing is ever enabled: no formatting thread either.
        _pipeline = _handlers.Length == 0 ? null : new FormattingPipeline(_formatter, _handlers);
        MinimumLevel = _handlers.Length == 0 ? LogLevel.None : _handlers.Min(h => h.MinimumLevel);
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        LiveProviders.Add(this);

        // Nothing listens to activities unless sources are named: an unheard ActivitySource costs nothing.
        if (_pipeline is not null && settings.ActivitySources.Count > 0)
        {
            _activities = new ActivityRecorder(this, [.. settings.ActivitySources], settings.ActivitySampling);
        }
        EmitMeter.EnsureCreated();
    }

    /// <summary>Every provider not yet disposed, for <see cref="WideEventsLogging.ForceFlush"/>.</summary>
    internal static LiveSet<WideEventsLoggerProvider> LiveProviders { get; } = new();

    public LogLevel MinimumLevel { get; }

    /// <summary>The handlers, for <see cref="EmitMeter"/>.</summary>
    internal IReadOnlyList<RecordHandler> Handlers => _handlers;

    /// <summary>The component records are written for, for <see cref="EmitMeter"/>.</summary>
    internal string Component => _formatter.Component;

    public IExternalScopeProvider ScopeProvider { get; private set; } = new LoggerExternalScopeProvider();

    public ILogger CreateLogger(string categoryName) =>
        _loggers.GetOrAdd(categoryName, static (name, provider) => new WideEventsLogger(provider, name), this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => ScopeProvider = scopeProvider;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Dispatch<TState>(JsonEncodedText category, LogLevel level, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (_disposed != 0)
        {
            return;
        }

        _pipeline?.Enqueue(PendingRecord<TState>.Rent(_formatter.Now, level, eventId, category, state, exception, formatter, CaptureScopes()));
    }

    // Scopes live on the caller's async flow, so they are taken now; the list is reused, and an
    // array is made only when there are scopes at all.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private object?[]? CaptureScopes()
    {
        var scratch = t_scopes ??= [];
        ScopeProvider.ForEachScope(static (scope, list) => list.Add(scope), scratch);
        if (scratch.Count == 0)
        {
            return null;
        }

        var scopes = scratch.ToArray();
        scratch.Clear();
        return scopes;
    }

    /// <summary>Waits until every record logged before the call is written and flushed by every handler.</summary>
    public bool ForceFlush(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var all = WaitUntilFormatted(timeout);
        foreach (var handler in _handlers)
        {
            var left = deadline - DateTime.UtcNow;
            all &= handler.WaitForQueued(left > TimeSpan.Zero ? left : TimeSpan.Zero);
        }

        return all;
    }

    /// <summary>Waits until every record logged before the call has been formatted and queued at its handlers.</summary>
    internal bool WaitUntilFormatted(TimeSpan timeout) => _pipeline?.WaitForQueued(timeout) ?? true;

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        LiveProviders.Remove(this);
        _activities?.Dispose();

        // The pipeline hands what is queued to the handlers; a handler that blocks when full and
        // whose destination is down would hold it forever, so once the pipeline has delivered
        // nothing for the shutdown budget the handlers are closed anyway, which lets it drop
        // (and count) the rest.
        if (_pipeline is null)
        {
            return;
        }

        var stopping = _pipeline.StopAsync();
        var budget = _handlers.Max(h => h.ShutdownTimeout);
        await _pipeline.WaitWhileDeliveringAsync(stopping, budget).ConfigureAwait(false);

        // Together, so that handlers whose destinations are down cost one shutdown budget, not the sum.
        await Task.WhenAll(_handlers.Select(h => h.DisposeAsync().AsTask())).ConfigureAwait(false);
        await stopping.ConfigureAwait(false);
    }

    private void OnProcessExit(object? sender, EventArgs e) => Dispose();
}
