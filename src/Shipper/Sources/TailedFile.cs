using Microsoft.Win32.SafeHandles;
using WideEvents.Shipper.Records;

namespace WideEvents.Shipper.Sources;

/// <summary>A file being tailed: its open handle, which follows the file through renames.</summary>
internal sealed class TailedFile(FileKey key, SafeFileHandle handle, FileCheckpoint checkpoint, IntakeTarget target) : IDisposable
{
    public FileKey Key { get; } = key;

    public SafeFileHandle Handle { get; } = handle;

    public FileCheckpoint Checkpoint { get; set; } = checkpoint;

    public IntakeTarget Target { get; set; } = target;

    /// <summary>Length at the last poll, for lag.</summary>
    public long Length { get; set; }

    /// <summary>No matched path leads to this file any more (renamed away or deleted); read to the end, then close.</summary>
    public bool RotatedAway { get; set; }

    public DateTimeOffset LastGrowth { get; set; }

    public void Dispose() => Handle.Dispose();
}
