namespace WideEvents.Contracts.TextLogs;

/// <summary>What a transaction-log line turned out to be.</summary>
internal enum TransactionLineKind
{
    /// <summary>A transaction: its fields were added.</summary>
    Record,

    /// <summary>Blank or a comment (the header): nothing to add, nothing wrong.</summary>
    Skipped,

    /// <summary>Not a transaction.</summary>
    Bad,
}
