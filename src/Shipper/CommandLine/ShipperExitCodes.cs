namespace WideEvents.Shipper.CommandLine;

/// <summary>The exit codes of <c>wide-shipper</c>, documented in docs/shipper.md.</summary>
internal static class ShipperExitCodes
{
    /// <summary><c>run</c> stopped cleanly; <c>status</c> found a shipper running with a fresh status.</summary>
    public const int Ok = 0;

    /// <summary>
    /// <c>run</c>: a part of the shipper failed, so a supervisor's restart-on-failure restarts it;
    /// <c>status</c>: no shipper is running on the data directory.
    /// </summary>
    public const int Failed = 1;

    /// <summary>The command line or the configuration is invalid, a state file is garbled, or a directory is in use: nothing started; for <c>status</c>, also a lock file it cannot open.</summary>
    public const int Refused = 2;

    /// <summary><c>status</c>: a shipper holds the data directory but has not written its status for three health intervals.</summary>
    public const int Stale = 3;
}
