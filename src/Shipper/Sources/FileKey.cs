namespace WideEvents.Shipper.Sources;

/// <summary>A file's device and inode: who it is right now, though inodes are reused once it is gone.</summary>
internal readonly record struct FileKey(ulong Device, ulong Inode);
