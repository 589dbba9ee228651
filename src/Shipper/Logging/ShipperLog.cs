using Microsoft.Extensions.Logging;

namespace WideEvents.Shipper.Logging;

/// <summary>Every log message of the shipper, source-generated.</summary>
internal static partial class ShipperLog
{
    [LoggerMessage(1, LogLevel.Information, "{metric}={value}")]
    public static partial void Metric(ILogger logger, string metric, long value);

    [LoggerMessage(10, LogLevel.Warning, "Buffer segment {segment} ended with {bytes} bytes of an incomplete write (a crash or a failed write); cut off, those records were never acknowledged")]
    public static partial void BufferIncompleteTail(ILogger logger, ulong segment, long bytes);

    [LoggerMessage(11, LogLevel.Warning, "Buffer full at {max_bytes} bytes: sources wait until sinks catch up")]
    public static partial void BufferFull(ILogger logger, long max_bytes);

    [LoggerMessage(12, LogLevel.Error, "Buffer write failed ({reason}): sources wait, retrying with back-off until it succeeds")]
    public static partial void BufferWriteStalled(ILogger logger, string reason);

    [LoggerMessage(13, LogLevel.Warning, "Buffer write succeeded again after {failures} failed attempts: sources go on")]
    public static partial void BufferWriteRecovered(ILogger logger, int failures);

    [LoggerMessage(14, LogLevel.Warning, "Buffer:SegmentBytes {configured} is too large for the {room} bytes the buffer's volume has room for; using {fitted}")]
    public static partial void BufferSegmentsFitted(ILogger logger, long configured, long fitted, long room);

    [LoggerMessage(20, LogLevel.Information, "Tailing {path} as source {source_id} from offset {offset}")]
    public static partial void FileOpened(ILogger logger, string path, string source_id, long offset);

    [LoggerMessage(21, LogLevel.Information, "File {path} (source {source_id}) was renamed or deleted away; reading it to its end")]
    public static partial void FileRotatedAway(ILogger logger, string path, string source_id);

    [LoggerMessage(22, LogLevel.Information, "Closed {path} (source {source_id}): rotated away and idle")]
    public static partial void FileClosed(ILogger logger, string path, string source_id);

    [LoggerMessage(23, LogLevel.Warning, "File {path} (source {source_id}) was truncated (offset {offset}, length now {length}); reading it again from 0 as a new source")]
    public static partial void FileTruncated(ILogger logger, string path, string source_id, long offset, long length);

    [LoggerMessage(24, LogLevel.Warning, "Cannot open {path}: {reason}")]
    public static partial void FileOpenFailed(ILogger logger, string path, string reason);

    [LoggerMessage(25, LogLevel.Warning, "Cannot read {path}: {reason}; trying again at the next poll")]
    public static partial void FileReadFailed(ILogger logger, string path, string reason);

    [LoggerMessage(19, LogLevel.Information, "Stopped reading {path} before its records were durable ({reason}); they are read again at the next start")]
    public static partial void FileReadInterrupted(ILogger logger, string path, string reason);

    [LoggerMessage(27, LogLevel.Warning, "File {path} (source {source_id}) continues as {found_path}, {why}; reading it from offset {offset} to its end")]
    public static partial void FileFollowed(ILogger logger, string path, string source_id, string found_path, string why, long offset);

    [LoggerMessage(28, LogLevel.Error, "Lost data of {path} (source {source_id}) after offset {offset}, sequence {next_sequence}: {why}; {bytes} bytes known unread, about {records} records (lines written unseen are not counted)")]
    public static partial void FileDataLost(ILogger logger, string path, string source_id, long offset, ulong next_sequence, string why, long bytes, long records);

    [LoggerMessage(18, LogLevel.Warning, "File {path} (source {source_id}) is gone; its checkpoint (offset {offset}) is from an older wide-shipper that did not record whether it was read to its end, so a loss cannot be told")]
    public static partial void FileGoneUnknown(ILogger logger, string path, string source_id, long offset);

    [LoggerMessage(29, LogLevel.Warning, "File {path} (source {source_id}) ends with {bytes} bytes without a newline at offset {offset}; taken as its last line before closing it")]
    public static partial void FileUnterminatedLastLine(ILogger logger, string path, string source_id, long offset, long bytes);

    [LoggerMessage(30, LogLevel.Information, "Listening for JSON lines on unix socket {path}")]
    public static partial void SocketListening(ILogger logger, string path);

    [LoggerMessage(31, LogLevel.Debug, "Connection on {path} ended: {reason}")]
    public static partial void SocketConnectionEnded(ILogger logger, string path, string reason);

    [LoggerMessage(40, LogLevel.Error, "Ingest of source {source_id} failed")]
    public static partial void IngestFailed(ILogger logger, string source_id, Exception exception);

    [LoggerMessage(41, LogLevel.Warning, "Refused {method} from {peer}: {reason}")]
    public static partial void CallRefused(ILogger logger, string method, string peer, string reason);

    [LoggerMessage(42, LogLevel.Warning, "Refused a batch of source {source_id} from {peer}: it starts at sequence {first_sequence}, more than {max_jump} past {through}")]
    public static partial void SequenceJumpRefused(ILogger logger, string source_id, string peer, ulong first_sequence, ulong through, ulong max_jump);

    [LoggerMessage(50, LogLevel.Warning, "Sink {sink} to {address}: attempt {attempt} failed, retrying in {delay_s:F1} s ({error_type}: {error})")]
    public static partial void SinkRetry(ILogger logger, string sink, string address, int attempt, double delay_s, string error_type, string error);

    [LoggerMessage(51, LogLevel.Error, "Sink {sink}: {address} refused our token ({error}); retrying, fix the token")]
    public static partial void SinkRefused(ILogger logger, string sink, string address, string error);

    [LoggerMessage(52, LogLevel.Warning, "Sink {sink}: {address} rejected {rejected} of what it was sent ({error}); not sent again")]
    public static partial void SinkRejected(ILogger logger, string sink, string address, long rejected, string error);

    [LoggerMessage(60, LogLevel.Warning, "Store file {path} had {bytes} uncommitted bytes after a crash or a failed write; cut off (they will be delivered again)")]
    public static partial void StoreRecovered(ILogger logger, string path, long bytes);

    [LoggerMessage(61, LogLevel.Warning, "Store files {files} are not covered by store-state.json (it was missing, empty or replaced): kept whole and appended to; {lines} lines already stored, records redelivered from before them may be stored twice")]
    public static partial void StoreStateRebuilt(ILogger logger, string files, ulong lines);

    [LoggerMessage(62, LogLevel.Error, "Store write failed ({reason}): cut back to the last commit, retrying in {delay_s:F1} s; the buffer holds the records meanwhile")]
    public static partial void StoreWriteFailed(ILogger logger, string reason, double delay_s);

    [LoggerMessage(63, LogLevel.Warning, "Store write succeeded again after {failures} failed attempts")]
    public static partial void StoreWriteRecovered(ILogger logger, int failures);

    [LoggerMessage(2, LogLevel.Warning, "Cannot write {path} ({reason}); the status file is best effort, shipping goes on")]
    public static partial void StatusWriteFailed(ILogger logger, string path, string reason);

    [LoggerMessage(26, LogLevel.Warning, "Cannot save checkpoints of {source} ({reason}); records are durable, the checkpoint is saved again at the next poll")]
    public static partial void CheckpointSaveFailed(ILogger logger, string source, string reason);

    [LoggerMessage(70, LogLevel.Information, "wide-shipper started: data {data_directory}, {sources} sources, {sinks} sinks, gRPC on {endpoint}")]
    public static partial void Started(ILogger logger, string data_directory, int sources, int sinks, string endpoint);
}
