namespace WideEvents.Analyze.Loaders;

/// <summary>The file formats the loaders read.</summary>
public enum LogFormat
{
    /// <summary>Sniff each file's content to choose.</summary>
    Auto,
    /// <summary>One JSON object per line: CLEF (Emit, Serilog) or the prototype's Python-logging JSON.</summary>
    JsonLines,
    /// <summary>Work Queue or TaskVine <c>transaction_log</c>.</summary>
    WorkQueueTransactions,
    /// <summary>Work Queue stats log (<c>master_log</c>): a header line and one row of numbers per update.</summary>
    WorkQueueStats,
    /// <summary>Parsl <c>monitoring.db</c> (SQLite).</summary>
    MonitoringDb,
    /// <summary>Plain-text Parsl logs: parsl.log, interchange.log, manager.log, worker_N.log.</summary>
    ParslText,
    /// <summary>Parquet, as <c>wide export</c> writes it (one record per row).</summary>
    Parquet,
}
