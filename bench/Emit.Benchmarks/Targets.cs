using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Formatting.Compact;
using ZLogger;
using ILogger = Microsoft.Extensions.Logging.ILogger;

namespace WideEvents.Emit.Benchmarks;

/// <summary>The libraries and variants measured.</summary>
public enum Library
{
    /// <summary>Emit, [LoggerMessage] method on the bound logger, file handler.</summary>
    EmitLoggerMessage,

    /// <summary>Emit, LogInformation(template, args) on the bound logger, file handler.</summary>
    EmitLogInformation,

    /// <summary>Emit, LogMetric(name, value) on the bound logger, file handler.</summary>
    EmitMetric,

    /// <summary>Emit, a span begun and ended on the bound logger (two records per call), file handler.</summary>
    EmitSpan,

    /// <summary>Serilog, CompactJsonFormatter, File sink (buffered) on the calling thread.</summary>
    SerilogFile,

    /// <summary>Serilog, as above wrapped in Sinks.Async (blockWhenFull).</summary>
    SerilogAsyncFile,

    /// <summary>ZLogger, JSON formatter, AddZLoggerFile, identity through a scope.</summary>
    ZLoggerFile,

    /// <summary>Experiment: Emit [LoggerMessage], a null IRecordWriter instead of the file.</summary>
    EmitNullWriter,

    /// <summary>Experiment: as EmitNullWriter with the 6 ambient fields turned off.</summary>
    EmitNullWriterNoAmbient,

    /// <summary>Experiment: Emit's RecordFormatter alone, bound, no MEL fan-out, no queue.</summary>
    EmitFormatOnly,

    /// <summary>Experiment: as EmitFormatOnly with the 6 ambient fields turned off.</summary>
    EmitFormatOnlyNoAmbient,

    /// <summary>Experiment: as EmitFormatOnlyNoAmbient and not bound: the event's own fields only.</summary>
    EmitFormatOnlyBare,
}

/// <summary>One library set up to write the scenario's event; one instance per run.</summary>
internal abstract class Target
{
    public long Calls;

    /// <summary>Writes one record.</summary>
    public abstract void Log();

    /// <summary>Flushes everything to its destination and closes it.</summary>
    public abstract void Finish();

    /// <summary>Data records that reached the destination (header records not counted).</summary>
    public abstract long RecordsWritten();

    /// <summary>Bytes that reached the destination.</summary>
    public abstract long BytesWritten();

    /// <summary>Anything else worth printing after a run.</summary>
    public virtual string Notes => "";

    /// <summary>A record as written, to check it carries the identity fields.</summary>
    public abstract string? SampleRecord();

    /// <summary>Throws unless every call became a record carrying all the fields.</summary>
    public void Verify()
    {
        var written = RecordsWritten();
        if (written != Calls)
        {
            throw new InvalidOperationException($"{GetType().Name}: {Calls} calls but {written} records written ({Calls - written} missing).");
        }

        var sample = SampleRecord();
        if (sample is not null)
        {
            foreach (var needle in new[] { "run_id", Scenario.RunId, "task_id", "try_id", "executor", Scenario.Executor, "42", "queued", "running" })
            {
                if (!sample.Contains(needle, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"{GetType().Name}: record lacks '{needle}': {sample}");
                }
            }
        }
    }

    public static IReadOnlyList<Library> Selected() =>
        Environment.GetEnvironmentVariable("EMIT_BENCH_LIBRARIES") is { Length: > 0 } list
            ? list.Split(',').Select(Enum.Parse<Library>).ToArray()
            : Enum.GetValues<Library>();

    public static Target Create(Library library, string directory)
    {
        Directory.CreateDirectory(directory);
        return library switch
        {
            Library.EmitLoggerMessage => new EmitTarget(directory, EmitCall.LoggerMessage, nullWriter: false, ambient: true),
            Library.EmitLogInformation => new EmitTarget(directory, EmitCall.LogInformation, nullWriter: false, ambient: true),
            Library.EmitMetric => new EmitTarget(directory, EmitCall.Metric, nullWriter: false, ambient: true),
            Library.EmitSpan => new EmitTarget(directory, EmitCall.Span, nullWriter: false, ambient: true),
            Library.EmitNullWriter => new EmitTarget(directory, EmitCall.LoggerMessage, nullWriter: true, ambient: true),
            Library.EmitNullWriterNoAmbient => new EmitTarget(directory, EmitCall.LoggerMessage, nullWriter: true, ambient: false),
            Library.EmitFormatOnly => new EmitFormatOnlyTarget(ambient: true, bound: true),
            Library.EmitFormatOnlyNoAmbient => new EmitFormatOnlyTarget(ambient: false, bound: true),
            Library.EmitFormatOnlyBare => new EmitFormatOnlyTarget(ambient: false, bound: false),
            Library.SerilogFile => new SerilogTarget(directory, async: false),
            Library.SerilogAsyncFile => new SerilogTarget(directory, async: true),
            Library.ZLoggerFile => new ZLoggerTarget(directory),
            _ => throw new ArgumentOutOfRangeException(nameof(library)),
        };
    }

    public static AmbientFieldsOptions NoAmbient() =>
        new() { Host = false, ProcessId = false, ProcessName = false, Thread = false, Category = false };

    protected static (long Lines, long Bytes) CountLines(IEnumerable<string> files)
    {
        long lines = 0, bytes = 0;
        var buffer = new byte[1 << 20];
        foreach (var file in files)
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                bytes += read;
                lines += buffer.AsSpan(0, read).Count((byte)'\n');
            }
        }

        return (lines, bytes);
    }

    protected static string? LastLine(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var length = stream.Length;
        var take = (int)Math.Min(length, 8192);
        stream.Seek(length - take, SeekOrigin.Begin);
        var buffer = new byte[take];
        stream.ReadExactly(buffer);
        var text = System.Text.Encoding.UTF8.GetString(buffer).TrimEnd('\n', '\r');
        var cut = text.LastIndexOf('\n');
        return cut < 0 ? text : text[(cut + 1)..];
    }
}

internal sealed class EmitTarget : Target
{
    private readonly ILoggerFactory _factory;
    private readonly ILogger _bound;
    private readonly EmitCall _call;
    private readonly NullRecordWriter? _null;
    private readonly string _directory;

    public EmitTarget(string directory, EmitCall call, bool nullWriter, bool ambient)
    {
        _directory = directory;
        _call = call;
        _null = nullWriter ? new NullRecordWriter() : null;
        _factory = LoggerFactory.Create(builder => builder.AddWideEvents(options =>
        {
            options.Component = "bench";
            if (!ambient)
            {
                options.Ambient = NoAmbient();
            }

            if (_null is null)
            {
                options.Handlers.Add(new HandlerOptions
                {
                    Type = HandlerType.File,
                    Directory = directory,
                    QueueCapacity = 65_536,
                    FullMode = QueueFullMode.Block,
                });
            }
            else
            {
                options.AddWriter("null", _null, handler =>
                {
                    handler.QueueCapacity = 65_536;
                    handler.FullMode = QueueFullMode.Block;
                });
            }
        }));
        _bound = _factory.CreateLogger("WideEvents.Bench.Task").Bind(new BenchTask());
    }

    public override void Log()
    {
        Calls++;
        switch (_call)
        {
            case EmitCall.LoggerMessage:
                WideEvents.Emit.Benchmarks.Log.StateChanged(_bound, Scenario.TaskId, Scenario.From, Scenario.To);
                break;
            case EmitCall.LogInformation:
                _bound.LogInformation(Scenario.Template, Scenario.TaskId, Scenario.From, Scenario.To);
                break;
            case EmitCall.Metric:
                _bound.LogMetric("pending_task_queue_length", Scenario.TaskId);
                break;
            case EmitCall.Span:
                using (_bound.BeginSpan("execute task"))
                {
                    Calls++;
                }

                break;
        }
    }

    public override void Finish() => _factory.Dispose();

    public override string Notes => _null is null ? "" : $", {_null.Batches} drain batches ({(double)_null.Records / Math.Max(1, _null.Batches):0.0} records/batch)";

    private string[] Files => Directory.GetFiles(_directory, "*.jsonl");

    // Each file Emit writes begins with one header record.
    public override long RecordsWritten() => _null?.Records ?? CountLines(Files).Lines - Files.Length;

    public override long BytesWritten() => _null?.Bytes ?? CountLines(Files).Bytes;

    // Metric and span records carry the bound identity but not the state-change event's words.
    public override string? SampleRecord() => _null is null && _call is EmitCall.LoggerMessage or EmitCall.LogInformation ? LastLine(Files.Single()) : null;
}

/// <summary>Which Emit call a target makes.</summary>
internal enum EmitCall
{
    LoggerMessage,
    LogInformation,
    Metric,
    Span,
}

internal sealed class EmitFormatOnlyTarget : Target
{
    private readonly FormatOnlyLogger _inner;
    private readonly ILogger _bound;

    public EmitFormatOnlyTarget(bool ambient, bool bound)
    {
        var options = new WideEventsOptions { Component = "bench" };
        if (!ambient)
        {
            options.Ambient = NoAmbient();
        }

        _inner = new FormatOnlyLogger(options, "WideEvents.Bench.Task");
        _bound = bound ? _inner.Bind(new BenchTask()) : _inner;
    }

    public override void Log()
    {
        Calls++;
        WideEvents.Emit.Benchmarks.Log.StateChanged(_bound, Scenario.TaskId, Scenario.From, Scenario.To);
    }

    public override void Finish()
    {
    }

    public override long RecordsWritten() => _inner.Records;

    public override long BytesWritten() => _inner.Bytes;

    public override string? SampleRecord() => null;
}

internal sealed class SerilogTarget : Target
{
    private readonly Serilog.Core.Logger _root;
    private readonly Serilog.ILogger _bound;
    private readonly string _path;

    public SerilogTarget(string directory, bool async)
    {
        _path = Path.Combine(directory, "serilog.jsonl");
        var configuration = new LoggerConfiguration().MinimumLevel.Information();
        configuration = async
            ? configuration.WriteTo.Async(
                a => a.File(new CompactJsonFormatter(), _path, buffered: true, fileSizeLimitBytes: null),
                bufferSize: 65_536,
                blockWhenFull: true)
            : configuration.WriteTo.File(new CompactJsonFormatter(), _path, buffered: true, fileSizeLimitBytes: null);
        _root = configuration.CreateLogger();

        // Bound once, as a task's logger would be.
        _bound = _root
            .ForContext("run_id", Scenario.RunId)
            .ForContext("task_id", Scenario.TaskId)
            .ForContext("try_id", 1)
            .ForContext("executor", Scenario.Executor);
    }

    public override void Log()
    {
        Calls++;
        _bound.Information(Scenario.Template, Scenario.TaskId, Scenario.From, Scenario.To);
    }

    public override void Finish() => _root.Dispose();

    public override long RecordsWritten() => CountLines([_path]).Lines;

    public override long BytesWritten() => CountLines([_path]).Bytes;

    public override string? SampleRecord() => LastLine(_path);
}

internal sealed class ZLoggerTarget : Target
{
    private readonly ILoggerFactory _factory;
    private readonly ILogger _logger;
    private readonly IDisposable? _scope;
    private readonly string _path;

    // Named as the event's properties: ZLogger takes JSON keys from the interpolated expressions.
    private readonly int TaskId = Scenario.TaskId;
    private readonly string From = Scenario.From;
    private readonly string To = Scenario.To;

    public ZLoggerTarget(string directory)
    {
        _path = Path.Combine(directory, "zlogger.jsonl");
        _factory = LoggerFactory.Create(builder =>
        {
            builder.ClearProviders();
            builder.SetMinimumLevel(LogLevel.Information);
            builder.AddZLoggerFile(_path, options =>
            {
                options.IncludeScopes = true;
                options.FullMode = BackgroundBufferFullMode.Block;
                options.BackgroundBufferCapacity = 65_536;
                options.UseJsonFormatter(formatter => formatter.UseUtcTimestamp = true);
            });
        });
        _logger = _factory.CreateLogger("WideEvents.Bench.Task");

        // ZLogger has no object-bound logger; the identity goes in a scope opened once and kept
        // open for the logger's life (an AsyncLocal, so it holds on this thread and its awaits).
        _scope = _logger.BeginScope(Scenario.IdentityFields());
    }

    public override void Log()
    {
        Calls++;
        _logger.ZLogInformation($"Task {TaskId}: changing state from {From} to {To}");
    }

    public override void Finish()
    {
        _scope?.Dispose();
        _factory.Dispose();
    }

    public override long RecordsWritten() => CountLines([_path]).Lines;

    public override long BytesWritten() => CountLines([_path]).Bytes;

    public override string? SampleRecord() => LastLine(_path);
}
