namespace WideEvents.Emit.Tests.Support;

/// <summary>
/// Tests of process-wide things: <see cref="WideEventsLogging.ForceFlush"/> waits on every
/// provider in the process, and the self log and standard error are one per process. These run
/// alone, so another test's handler that is blocked on purpose cannot hold them up and no other
/// test's messages land in theirs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideCollection
{
    public const string Name = "process-wide state";
}
