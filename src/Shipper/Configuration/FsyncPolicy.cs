namespace WideEvents.Shipper.Configuration;

/// <summary>When the disk buffer forces its writes to stable storage.</summary>
internal enum FsyncPolicy
{
    /// <summary>
    /// Every append waits for an fsync before it is acknowledged; appends that arrive while one
    /// fsync runs share the next (group commit). Survives power loss. The default.
    /// </summary>
    GroupCommit,

    /// <summary>
    /// Never fsync: appends are acknowledged once written to the operating system. Survives the
    /// shipper being killed, not the machine losing power.
    /// </summary>
    Never,
}
