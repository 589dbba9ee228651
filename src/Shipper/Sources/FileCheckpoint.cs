namespace WideEvents.Shipper.Sources;

/// <summary>How far one tailed file has been read into the buffer, and how to recognise it again.</summary>
internal sealed class FileCheckpoint
{
    /// <summary>Source id of the file's records: its <c>file_uuid</c>, or a UUID assigned when first seen.</summary>
    public string SourceId { get; set; } = "";

    /// <summary>The <c>file_uuid</c> of the file's header record, when it has one.</summary>
    public string? FileUuid { get; set; }

    public ulong Device { get; set; }

    public ulong Inode { get; set; }

    /// <summary>How many of the first bytes <see cref="Fingerprint"/> covers (grows up to the configured size).</summary>
    public int FingerprintLength { get; set; }

    /// <summary>Hash of the first <see cref="FingerprintLength"/> bytes, hex.</summary>
    public string Fingerprint { get; set; } = "";

    /// <summary>Byte offset just after the last line whose record is durable in the buffer.</summary>
    public long Offset { get; set; }

    /// <summary>Sequence the next record of the file gets.</summary>
    public ulong NextSequence { get; set; } = 1;

    /// <summary>Last path the file was seen at.</summary>
    public string Path { get; set; } = "";

    /// <summary>
    /// True once the file was read to its end and closed after rotation (or its loss reported):
    /// nothing of it is outstanding. Null in checkpoints saved before this was recorded, for which
    /// a file gone missing cannot be told apart from one closed long ago.
    /// </summary>
    public bool? Closed { get; set; }

    /// <summary>When the file was last seen, for pruning.</summary>
    public DateTimeOffset LastSeen { get; set; }
}
