namespace WideEvents.Shipper.Configuration;

/// <summary>What a file source's files hold, and so how their lines become records.</summary>
internal enum FileFormat
{
    /// <summary>Recognised per file from its first complete line: JSON lines unless it is one of the text formats below.</summary>
    Auto,

    /// <summary>One JSON object per line, shipped as written (widened); anything else is quarantined.</summary>
    Json,

    /// <summary>Plain-text Parsl logs (parsl.log, interchange.log, manager.log, worker_N.log), translated; multi-line entries are joined.</summary>
    ParslText,

    /// <summary>Work Queue or TaskVine transaction logs, translated line by line.</summary>
    WorkQueueTransactions,
}
