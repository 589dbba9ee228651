using Microsoft.Extensions.Logging;

namespace WideEvents.Emit;

/// <summary>One handler: where records go, which of them, and how the queue behaves.</summary>
public sealed class HandlerOptions
{
    /// <summary>What kind of handler this is. Required.</summary>
    public HandlerType Type { get; set; }

    /// <summary>A name used in messages about this handler. Default: the type.</summary>
    public string? Name { get; set; }

    /// <summary>Records below this level are not written. Default: <see cref="LogLevel.Trace"/>.</summary>
    public LogLevel MinimumLevel { get; set; } = LogLevel.Trace;

    /// <summary>
    /// When set, only records that have this key are written (e.g. <c>metric</c> for a handler
    /// that feeds a test harness). Default: none.
    /// </summary>
    public string? RequireKey { get; set; }

    /// <summary>File handler: the directory files are written in. Default: the current directory.</summary>
    public string? Directory { get; set; }

    /// <summary>
    /// File handler: the file name, with <c>{component}</c>, <c>{pid}</c> and <c>{host}</c>
    /// substituted. Default: <c>{component}.{pid}.jsonl</c>.
    /// </summary>
    public string FileName { get; set; } = "{component}.{pid}.jsonl";

    /// <summary>
    /// File handler: start a new file once the current one exceeds this many bytes; 0 never
    /// rolls. Default: 0.
    /// </summary>
    public long RollSizeBytes { get; set; }

    /// <summary>
    /// Unix socket handler: the socket path to connect to. Recent handler: the socket path it
    /// answers queries on (created with mode 0600). Required for those types.
    /// </summary>
    public string? Path { get; set; }

    /// <summary>Recent handler: how many records it keeps at most. Default: 10,000.</summary>
    public int RecentRecords { get; set; } = 10_000;

    /// <summary>Recent handler: how many bytes of records it keeps at most. Default: 16 MiB.</summary>
    public long RecentBytes { get; set; } = 16 << 20;

    /// <summary>Recent handler: records older than this many seconds are forgotten; 0 keeps them while there is room. Default: 0.</summary>
    public double RecentSeconds { get; set; }

    /// <summary>
    /// gRPC handler: the receiver's address, <c>http://127.0.0.1:4317</c> or
    /// <c>unix:/path/to/socket</c>. Required for that type.
    /// </summary>
    public string? Address { get; set; }

    /// <summary>gRPC handler: a bearer token sent with every call. Default: none.</summary>
    public string? Token { get; set; }

    /// <summary>
    /// gRPC handler: a certificate (PEM or DER) the receiver's must chain to, instead of the
    /// system's roots; the Address must then be <c>https://</c>. Default: none.
    /// </summary>
    public string? TrustedCertificatePath { get; set; }

    /// <summary>How many records the in-memory queue holds. Default: 65,536.</summary>
    public int QueueCapacity { get; set; } = 65_536;

    /// <summary>
    /// How long records gather in the queue before the handler's thread writes them, in
    /// milliseconds: the longest a record waits before it reaches the writer, and what bounds the
    /// handler's wake-ups per second. Default: 10.
    /// </summary>
    public int FlushIntervalMilliseconds { get; set; } = 10;

    /// <summary>
    /// How long disposing the logger (or exiting the process) waits for this handler while its
    /// destination takes nothing, in milliseconds: a destination that is slow but taking records
    /// is waited for; one that took nothing for this long (it is down) is given up on, and the
    /// records still waiting are counted as not written and reported. The gRPC handler also
    /// waits this long for the acknowledgement of what it sent. Default: 1,000.
    /// </summary>
    public int ShutdownTimeoutMilliseconds { get; set; } = 1_000;

    /// <summary>
    /// How often the handler writes a heartbeat record (alive, records written, queued, dropped),
    /// in seconds, and a last one when it stops cleanly, so that analysis can tell a process that
    /// died or hung from one that went quiet. 0 turns heartbeats off. A handler with
    /// <see cref="RequireKey"/> writes them only when that key is <c>heartbeat</c>. Default: 30.
    /// </summary>
    public double HeartbeatSeconds { get; set; } = 30;

    /// <summary>What a full queue does to the caller. Default: <see cref="QueueFullMode.DropNewest"/>.</summary>
    public QueueFullMode FullMode { get; set; } = QueueFullMode.DropNewest;

    internal string DisplayName => Name ?? Type.ToString();
}
