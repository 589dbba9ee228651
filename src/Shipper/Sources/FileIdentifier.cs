using Microsoft.Win32.SafeHandles;
using WideEvents.Shipper.Records;

namespace WideEvents.Shipper.Sources;

/// <summary>
/// Decides which file is which. A file whose first line is a header record with a
/// <c>file_uuid</c> (files Emit writes) is that UUID wherever it lives; any other file is its
/// device and inode plus a fingerprint of its first bytes, which guards against inode reuse.
/// A file first seen gets a new checkpoint and source id, saved before any of its records move.
/// <c>superseded</c> is called with each checkpoint not read to its end that a new one replaces
/// at its inode: its file was truncated or replaced, and the caller looks for its rest or reports the loss.
/// </summary>
internal sealed class FileIdentifier(CheckpointStore checkpoints, int fingerprintBytes, int maxLineBytes, TimeProvider time, Action<FileCheckpoint> superseded)
{
    /// <summary>The checkpoint of the file behind <paramref name="handle"/>, created (and saved) if new; null while its first line is incomplete.</summary>
    public FileCheckpoint? Identify(SafeFileHandle handle, FileKey key, string path, long length, Func<FileCheckpoint, bool> inUse)
    {
        byte[] head = new byte[(int)Math.Min(length, Math.Max(fingerprintBytes, 64 * 1024))];
        int read = RandomAccess.Read(handle, head, 0);
        int newline = head.AsSpan(0, read).IndexOf((byte)'\n');
        if (newline < 0 && length <= maxLineBytes)
        {
            return null;
        }

        ReadOnlySpan<byte> firstLine = newline < 0 ? default : head.AsSpan(0, newline);
        if (firstLine.StartsWith(LineIntake.Utf8ByteOrderMark))
        {
            firstLine = firstLine[LineIntake.Utf8ByteOrderMark.Length..];
        }

        string? fileUuid = newline < 0 ? null : JsonLineInspector.TopLevelString(firstLine, "file_uuid");
        FileCheckpoint? found = fileUuid is not null
            ? checkpoints.Entries.Find(c => c.FileUuid == fileUuid)
            : checkpoints.Entries.Find(c => c.FileUuid is null && c.Device == key.Device && c.Inode == key.Inode && FileFingerprint.Matches(handle, length, c));
        if (found is not null && inUse(found))
        {
            return null; // a copy of a file already being tailed (same file_uuid): its records come from the original
        }

        if (found is not null && found.Offset <= length && FileFingerprint.Matches(handle, length, found))
        {
            found.Device = key.Device;
            found.Inode = key.Inode;
            found.Path = path;
            found.LastSeen = time.GetUtcNow();
            found.Closed = false;
            return found;
        }

        return StartNew(handle, key, path, length, fileUuid, found);
    }

    /// <summary>A new checkpoint (and source id) for the file, replacing <paramref name="replaced"/> and any other of the same inode; saved at once.</summary>
    public FileCheckpoint StartNew(SafeFileHandle handle, FileKey key, string path, long length, string? fileUuid, FileCheckpoint? replaced)
    {
        foreach (FileCheckpoint old in checkpoints.Entries.FindAll(c => c != replaced && c.Closed != true && c.Device == key.Device && c.Inode == key.Inode))
        {
            superseded(old);
        }

        List<FileCheckpoint> removed = checkpoints.Entries.FindAll(c => c == replaced || (c.Device == key.Device && c.Inode == key.Inode));
        checkpoints.Entries.RemoveAll(removed.Contains);
        int fingerprintLength = (int)Math.Min(length, fingerprintBytes);
        var checkpoint = new FileCheckpoint
        {
            SourceId = replaced is null && fileUuid is not null ? fileUuid : Guid.CreateVersion7().ToString(),
            FileUuid = replaced is null ? fileUuid : null,
            Device = key.Device,
            Inode = key.Inode,
            FingerprintLength = fingerprintLength,
            Fingerprint = FileFingerprint.Of(handle, fingerprintLength),
            Path = path,
            LastSeen = time.GetUtcNow(),
            Closed = false,
        };
        checkpoints.Entries.Add(checkpoint);

        // Saved before any of its records are buffered: a restart must give them the same source id.
        try
        {
            checkpoints.Save();
        }
        catch (IOException)
        {
            checkpoints.Entries.Remove(checkpoint);
            checkpoints.Entries.AddRange(removed);
            throw;
        }

        return checkpoint;
    }
}
