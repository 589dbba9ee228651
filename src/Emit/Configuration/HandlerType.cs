namespace WideEvents.Emit;

/// <summary>The kinds of handler a process can configure.</summary>
public enum HandlerType
{
    /// <summary>Not set; configuration that leaves the type out is rejected.</summary>
    None = 0,

    /// <summary>JSON lines in CLEF, one file per process under a directory.</summary>
    File,

    /// <summary>JSON lines written to a unix domain socket that a listener owns.</summary>
    UnixSocket,

    /// <summary>Acknowledged batches to a shipper or collector over gRPC.</summary>
    Grpc,

    /// <summary>A writer registered in code with <see cref="WideEventsOptions.AddWriter"/>.</summary>
    Custom,

    /// <summary>
    /// The process's most recent records kept in memory (a ring, bounded by count, bytes and age)
    /// and answered on a unix socket at <c>Path</c>: a test or an operator asks a live process
    /// what it did, without files. Usually at a lower level than what is written elsewhere.
    /// </summary>
    Recent,
}
